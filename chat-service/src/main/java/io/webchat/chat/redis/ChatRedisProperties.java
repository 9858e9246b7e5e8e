package io.webchat.chat.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connections chat-service opens to Redis, besides Spring Boot's own.
 *
 * @param commandTimeout how long an ordinary command (RPUSH, a script, SISMEMBER) may take
 *        before the request fails with a 503 ({@code RedisUnavailable}); short, so that with Redis
 *        gone or stuck a request is refused within a second or two instead of piling up
 * @param sharedConnections how many connections carry the requests' commands, each answered on a
 *        thread of its own; 0 (the default) opens one per processor
 */
@ConfigurationProperties("webchat.chat.redis")
public record ChatRedisProperties(@DefaultValue("1s") Duration commandTimeout,
		@DefaultValue("0") int sharedConnections) {

	public ChatRedisProperties {
		if (sharedConnections < 0) {
			throw new IllegalArgumentException("webchat.chat.redis.shared-connections must be 0 (one per processor) or more");
		}
	}
}
