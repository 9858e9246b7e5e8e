package io.webchat.chat.redis;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.support.ConnectionPoolSupport;
import io.webchat.problem.ApiProblem;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * chat-service's Redis: one shared connection that pipelines every ordinary command of every
 * request (a group fan-out is many scripts in one flush), and a pool of connections for the
 * blocking moves of long polls — a blocked command holds its connection, so the pool is sized
 * on purpose ({@code webchat.chat.redis.max-blocking-connections}) instead of letting the next
 * poll queue behind the waiting ones. Standalone Redis or Redis Cluster, as Spring Boot's
 * {@link DataRedisConnectionDetails} says ({@code REDIS_URL} or {@code spring.data.redis.cluster.nodes}).
 */
public final class ChatRedis implements DisposableBean {

	private final AbstractRedisClient client;

	private final StatefulConnection<String, String> shared;

	private final Function<StatefulConnection<String, String>, RedisClusterCommands<String, String>> syncOf;

	private final RedisClusterAsyncCommands<String, String> async;

	private final GenericObjectPool<StatefulConnection<String, String>> blockingPool;

	public ChatRedis(DataRedisConnectionDetails details, ClientResources resources, ChatRedisProperties properties,
			Duration blockingCommandTimeout) {
		GenericObjectPoolConfig<StatefulConnection<String, String>> poolConfig = new GenericObjectPoolConfig<>();
		poolConfig.setMaxTotal(properties.maxBlockingConnections());
		poolConfig.setMaxIdle(properties.maxBlockingConnections());
		poolConfig.setMaxWait(properties.blockingConnectionWait());
		poolConfig.setJmxEnabled(false);
		if (details.getCluster() != null) {
			List<RedisURI> seeds = details.getCluster()
				.getNodes()
				.stream()
				.map((node) -> withCredentials(RedisURI.builder().withHost(node.host()).withPort(node.port()), details))
				.toList();
			RedisClusterClient cluster = RedisClusterClient.create(resources, seeds);
			this.client = cluster;
			StatefulRedisClusterConnection<String, String> connection = cluster.connect();
			connection.setTimeout(properties.commandTimeout());
			this.shared = connection;
			this.async = connection.async();
			this.syncOf = (c) -> ((StatefulRedisClusterConnection<String, String>) c).sync();
			this.blockingPool = ConnectionPoolSupport.createGenericObjectPool(() -> {
				StatefulRedisClusterConnection<String, String> blocking = cluster.connect();
				blocking.setTimeout(blockingCommandTimeout);
				return blocking;
			}, poolConfig);
		}
		else {
			DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
			RedisURI uri = withCredentials(RedisURI.builder()
				.withHost(standalone.getHost())
				.withPort(standalone.getPort())
				.withDatabase(standalone.getDatabase()), details);
			RedisClient redis = RedisClient.create(resources, uri);
			this.client = redis;
			StatefulRedisConnection<String, String> connection = redis.connect();
			connection.setTimeout(properties.commandTimeout());
			this.shared = connection;
			this.async = connection.async();
			this.syncOf = (c) -> ((StatefulRedisConnection<String, String>) c).sync();
			this.blockingPool = ConnectionPoolSupport.createGenericObjectPool(() -> {
				StatefulRedisConnection<String, String> blocking = redis.connect();
				blocking.setTimeout(blockingCommandTimeout);
				return blocking;
			}, poolConfig);
		}
	}

	private static RedisURI withCredentials(RedisURI.Builder uri, DataRedisConnectionDetails details) {
		if (details.getPassword() != null) {
			if (details.getUsername() != null) {
				uri.withAuthentication(details.getUsername(), details.getPassword().toCharArray());
			}
			else {
				uri.withPassword(details.getPassword().toCharArray());
			}
		}
		return uri.build();
	}

	/** Commands on the shared connection, waiting for each reply. */
	public RedisClusterCommands<String, String> sync() {
		return this.syncOf.apply(this.shared);
	}

	/** Commands on the shared connection without waiting: consecutive calls are pipelined. */
	public RedisClusterAsyncCommands<String, String> async() {
		return this.async;
	}

	/**
	 * Runs one blocking command on a connection of its own. A connection whose command failed
	 * is discarded: it might still receive that command's late reply.
	 */
	public <T> T blocking(Function<RedisClusterCommands<String, String>, T> command) {
		StatefulConnection<String, String> connection = borrow();
		try {
			T result = command.apply(this.syncOf.apply(connection));
			this.blockingPool.returnObject(connection);
			return result;
		}
		catch (RuntimeException ex) {
			try {
				this.blockingPool.invalidateObject(connection);
			}
			catch (Exception closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw ex;
		}
	}

	private StatefulConnection<String, String> borrow() {
		try {
			return this.blockingPool.borrowObject();
		}
		catch (NoSuchElementException ex) {
			ApiProblem busy = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-polls",
					"This chat instance has as many waiting polls as it allows; poll again shortly.");
			busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			throw busy;
		}
		catch (Exception ex) {
			ApiProblem unavailable = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "redis-unavailable",
					"Redis cannot be reached for a long poll; poll again shortly.");
			unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			unavailable.initCause(ex);
			throw unavailable;
		}
	}

	@Override
	public void destroy() {
		this.blockingPool.close();
		this.shared.close();
		this.client.shutdown();
	}
}
