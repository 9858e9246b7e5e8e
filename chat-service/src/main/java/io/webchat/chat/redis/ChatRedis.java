package io.webchat.chat.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
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
 * chat-service's Redis: a few shared connections that pipeline every ordinary command of every
 * request (a group fan-out is many scripts in one flush), and one connection reserved for the
 * instance's blocking pop of its wake list and one for its blocking read of the account events
 * stream — a blocked command holds its connection, so nothing else may queue behind it. However many requests and polls are in progress, the instance holds
 * these connections (plus Spring Boot's for the health check). Standalone Redis or Redis Cluster,
 * as Spring Boot's {@link DataRedisConnectionDetails} says ({@code REDIS_URL} or
 * {@code spring.data.redis.cluster.nodes}).
 * <p>
 * Every command times out after its connection's timeout, asynchronous ones too (Lettuce times
 * out only synchronous calls unless told): a reply that never comes fails its request instead
 * of holding it forever.
 * <p>
 * Each shared connection answers on one Lettuce I/O thread, and a request carries on from a
 * reply on the thread that received it; so the shared connections, taken in turn, spread the
 * requests' work over as many threads as {@link ChatRedisProperties#sharedConnections()} says.
 */
public final class ChatRedis implements DisposableBean {

	private final AbstractRedisClient client;

	private final List<StatefulConnection<String, String>> shared = new ArrayList<>();

	private final List<RedisClusterAsyncCommands<String, String>> async = new ArrayList<>();

	private final AtomicInteger nextShared = new AtomicInteger();

	private final Function<StatefulConnection<String, String>, RedisClusterCommands<String, String>> syncOf;

	private final StatefulConnection<String, String> blocking;

	private final StatefulConnection<String, String> streamBlocking;

	/**
	 * The longest a command on the blocking connection may block in Redis. The connection waits
	 * for a reply this long plus an ordinary command's timeout, so Lettuce never abandons a
	 * blocking pop that Redis would still answer, and an element is never popped into the void.
	 */
	public static final Duration LONGEST_BLOCKING_WAIT = Duration.ofSeconds(1);

	public ChatRedis(DataRedisConnectionDetails details, ClientResources resources, ChatRedisProperties properties) {
		Duration blockingCommandTimeout = properties.commandTimeout().plus(LONGEST_BLOCKING_WAIT);
		int sharedConnections = (properties.sharedConnections() > 0) ? properties.sharedConnections()
				: Runtime.getRuntime().availableProcessors();
		if (details.getCluster() != null) {
			List<RedisURI> seeds = details.getCluster()
				.getNodes()
				.stream()
				.map((node) -> withCredentials(RedisURI.builder().withHost(node.host()).withPort(node.port()), details))
				.toList();
			RedisClusterClient cluster = RedisClusterClient.create(resources, seeds);
			cluster.setOptions(ClusterClientOptions.builder().timeoutOptions(TimeoutOptions.enabled()).build());
			this.client = cluster;
			this.syncOf = (c) -> ((StatefulRedisClusterConnection<String, String>) c).sync();
			openShared(sharedConnections, properties, cluster::connect, StatefulRedisClusterConnection::async);
			StatefulRedisClusterConnection<String, String> blocking = cluster.connect();
			blocking.setTimeout(blockingCommandTimeout);
			this.blocking = blocking;
			StatefulRedisClusterConnection<String, String> streamBlocking = cluster.connect();
			streamBlocking.setTimeout(blockingCommandTimeout);
			this.streamBlocking = streamBlocking;
		}
		else {
			DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
			RedisURI uri = withCredentials(RedisURI.builder()
				.withHost(standalone.getHost())
				.withPort(standalone.getPort())
				.withDatabase(standalone.getDatabase()), details);
			RedisClient redis = RedisClient.create(resources, uri);
			redis.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled()).build());
			this.client = redis;
			this.syncOf = (c) -> ((StatefulRedisConnection<String, String>) c).sync();
			openShared(sharedConnections, properties, redis::connect, StatefulRedisConnection::async);
			StatefulRedisConnection<String, String> blocking = redis.connect();
			blocking.setTimeout(blockingCommandTimeout);
			this.blocking = blocking;
			StatefulRedisConnection<String, String> streamBlocking = redis.connect();
			streamBlocking.setTimeout(blockingCommandTimeout);
			this.streamBlocking = streamBlocking;
		}
	}

	private <C extends StatefulConnection<String, String>> void openShared(int count, ChatRedisProperties properties,
			Supplier<C> connect, Function<C, ? extends RedisClusterAsyncCommands<String, String>> asyncOf) {
		for (int i = 0; i < count; i++) {
			C connection = connect.get();
			connection.setTimeout(properties.commandTimeout());
			this.shared.add(connection);
			this.async.add(asyncOf.apply(connection));
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

	/** Commands on a shared connection, waiting for each reply; for tests and tools, not requests. */
	public RedisClusterCommands<String, String> sync() {
		return this.syncOf.apply(this.shared.getFirst());
	}

	/**
	 * Commands on the next shared connection without waiting. Calls on the commands returned
	 * are pipelined: keep them for commands that should go out in one flush.
	 */
	public RedisClusterAsyncCommands<String, String> async() {
		return this.async.get(Math.floorMod(this.nextShared.getAndIncrement(), this.async.size()));
	}

	/** Commands on the blocking connection; for the one thread that pops the wake list. */
	public RedisClusterCommands<String, String> blocking() {
		return this.syncOf.apply(this.blocking);
	}

	/** Commands on the other blocking connection; for the one thread that reads the account events stream. */
	public RedisClusterCommands<String, String> streamBlocking() {
		return this.syncOf.apply(this.streamBlocking);
	}

	@Override
	public void destroy() {
		this.blocking.close();
		this.streamBlocking.close();
		this.shared.forEach(StatefulConnection::close);
		this.client.shutdown();
	}
}
