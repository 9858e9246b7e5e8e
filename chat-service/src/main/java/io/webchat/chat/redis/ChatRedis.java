package io.webchat.chat.redis;

import java.time.Duration;
import java.util.List;
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

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * chat-service's Redis: one shared connection that pipelines every ordinary command of every
 * request (a group fan-out is many scripts in one flush), and one connection reserved for the
 * instance's blocking pop of its wake list — a blocked command holds its connection, so nothing
 * else may queue behind it. However many polls wait, the instance holds these two connections
 * (plus Spring Boot's for the health check). Standalone Redis or Redis Cluster, as Spring Boot's
 * {@link DataRedisConnectionDetails} says ({@code REDIS_URL} or {@code spring.data.redis.cluster.nodes}).
 */
public final class ChatRedis implements DisposableBean {

	private final AbstractRedisClient client;

	private final StatefulConnection<String, String> shared;

	private final Function<StatefulConnection<String, String>, RedisClusterCommands<String, String>> syncOf;

	private final RedisClusterAsyncCommands<String, String> async;

	private final StatefulConnection<String, String> blocking;

	/**
	 * @param blockingCommandTimeout how long the blocking connection waits for a reply; longer
	 *        than any blocking command sent on it
	 */
	public ChatRedis(DataRedisConnectionDetails details, ClientResources resources, ChatRedisProperties properties,
			Duration blockingCommandTimeout) {
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
			StatefulRedisClusterConnection<String, String> blocking = cluster.connect();
			blocking.setTimeout(blockingCommandTimeout);
			this.blocking = blocking;
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
			StatefulRedisConnection<String, String> blocking = redis.connect();
			blocking.setTimeout(blockingCommandTimeout);
			this.blocking = blocking;
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

	/** Commands on the blocking connection; for the one thread that pops the wake list. */
	public RedisClusterCommands<String, String> blocking() {
		return this.syncOf.apply(this.blocking);
	}

	@Override
	public void destroy() {
		this.blocking.close();
		this.shared.close();
		this.client.shutdown();
	}
}
