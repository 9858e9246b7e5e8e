package io.webchat.chat.inbox;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.ConnectionPoolSupport;
import io.webchat.chat.redis.ChatRedisProperties;
import io.webchat.problem.ApiProblem;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs the BLPOP of a long poll. A blocked command holds its connection, so each waiting poll
 * borrows one from a pool sized on purpose ({@code webchat.chat.redis.max-blocking-connections}):
 * with a small pool the next poll would queue behind the waiting ones.
 */
@Component
class BlockingInboxReader implements DisposableBean {

	private final GenericObjectPool<StatefulRedisConnection<String, String>> pool;

	BlockingInboxReader(RedisClient chatRedisClient, ChatRedisProperties redisProperties,
			LongPollProperties pollProperties) {
		Duration commandTimeout = pollProperties.blockingCommandTimeout();
		GenericObjectPoolConfig<StatefulRedisConnection<String, String>> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(redisProperties.maxBlockingConnections());
		config.setMaxIdle(redisProperties.maxBlockingConnections());
		config.setMaxWait(redisProperties.blockingConnectionWait());
		config.setJmxEnabled(false);
		this.pool = ConnectionPoolSupport.createGenericObjectPool(() -> {
			StatefulRedisConnection<String, String> connection = chatRedisClient.connect();
			connection.setTimeout(commandTimeout);
			return connection;
		}, config);
	}

	/** Waits up to {@code timeout} for the first element of {@code key}, and removes it. */
	Optional<String> blockingPop(String key, Duration timeout) {
		StatefulRedisConnection<String, String> connection = borrow();
		try {
			KeyValue<String, String> popped = connection.sync().blpop(timeout.toMillis() / 1000.0, key);
			this.pool.returnObject(connection);
			return (popped != null && popped.hasValue()) ? Optional.of(popped.getValue()) : Optional.empty();
		}
		catch (RuntimeException ex) {
			// a connection whose command failed may still receive that command's late reply
			invalidate(connection);
			throw ex;
		}
	}

	private StatefulRedisConnection<String, String> borrow() {
		try {
			return this.pool.borrowObject();
		}
		catch (NoSuchElementException ex) {
			ApiProblem busy = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-polls",
					"This chat instance has as many waiting polls as it allows; poll again shortly.");
			busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			throw busy;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot open a Redis connection for a long poll", ex);
		}
	}

	private void invalidate(StatefulRedisConnection<String, String> connection) {
		try {
			this.pool.invalidateObject(connection);
		}
		catch (Exception ex) {
			// the connection is gone either way
		}
	}

	@Override
	public void destroy() {
		this.pool.close();
	}
}
