package io.webchat.chat.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connections chat-service opens to Redis, besides Spring Boot's own.
 *
 * @param commandTimeout how long an ordinary command (RPUSH, a script, SISMEMBER) may take
 *        before the request fails; short, so a stuck Redis fails sends fast instead of piling up
 */
@ConfigurationProperties("webchat.chat.redis")
public record ChatRedisProperties(@DefaultValue("2s") Duration commandTimeout) {
}
