package io.webchat.chat.redis;

import io.lettuce.core.resource.ClientResources;
import io.webchat.chat.delivery.DeliveryProperties;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatRedisConfiguration {

	/** Blocking moves get the longest poll plus a margin, so Lettuce never gives up before Redis. */
	@Bean
	ChatRedis chatRedis(DataRedisConnectionDetails details, ClientResources clientResources,
			ChatRedisProperties properties, DeliveryProperties delivery) {
		return new ChatRedis(details, clientResources, properties, delivery.blockingCommandTimeout());
	}
}
