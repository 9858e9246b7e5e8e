package io.webchat.chat.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatRedisConfiguration {

	@Bean
	ChatRedis chatRedis(DataRedisConnectionDetails details, ClientResources clientResources,
			ChatRedisProperties properties) {
		return new ChatRedis(details, clientResources, properties);
	}

	/**
	 * Lettuce tries to reconnect after 10 ms, doubling to at most a second: its default doubles
	 * to 30 s, so after an outage of a few seconds the instance could stay away from a Redis
	 * that is back for as long again.
	 */
	@Bean
	ClientResourcesBuilderCustomizer reconnectWithinASecond() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}
}
