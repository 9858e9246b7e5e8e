package io.webchat.chat.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connections chat-service opens to Redis, besides Spring Boot's own.
 *
 * @param commandTimeout how long an ordinary command (RPUSH, a script, SISMEMBER) may take
 *        before the request fails; short, so a stuck Redis fails sends fast instead of piling up
 * @param maxBlockingConnections how many long polls may block in Redis at once per instance;
 *        each needs a connection of its own (about 64 KiB of direct memory each)
 * @param blockingConnectionWait how long a poll waits for a free blocking connection before it
 *        is answered 503 with Retry-After
 */
@ConfigurationProperties("webchat.chat.redis")
public record ChatRedisProperties(@DefaultValue("2s") Duration commandTimeout,
		@DefaultValue("4096") int maxBlockingConnections, @DefaultValue("1s") Duration blockingConnectionWait) {
}
