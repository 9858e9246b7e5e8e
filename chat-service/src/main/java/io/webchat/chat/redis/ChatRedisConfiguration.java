package io.webchat.chat.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * chat-service talks to Redis through Lettuce directly: one shared connection that pipelines
 * every ordinary command of every request (a group fan-out is many RPUSHes in one flush), and
 * a pool of connections for the blocking pops of long polls. Spring Boot's
 * {@link DataRedisConnectionDetails} says where Redis is, so {@code REDIS_URL} and
 * Testcontainers' service connections work unchanged.
 */
@Configuration(proxyBeanMethods = false)
class ChatRedisConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedisClient chatRedisClient(DataRedisConnectionDetails details, ClientResources clientResources) {
		DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(standalone.getHost())
			.withPort(standalone.getPort())
			.withDatabase(standalone.getDatabase());
		if (details.getPassword() != null) {
			if (details.getUsername() != null) {
				uri.withAuthentication(details.getUsername(), details.getPassword().toCharArray());
			}
			else {
				uri.withPassword(details.getPassword().toCharArray());
			}
		}
		return RedisClient.create(clientResources, uri.build());
	}

	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, String> chatRedisConnection(RedisClient chatRedisClient,
			ChatRedisProperties properties) {
		StatefulRedisConnection<String, String> connection = chatRedisClient.connect();
		connection.setTimeout(properties.commandTimeout());
		return connection;
	}
}
