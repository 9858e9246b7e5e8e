package io.webchat.chat.redis;

import io.lettuce.core.resource.ClientResources;
import io.webchat.chat.delivery.WaitingPolls;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatRedisConfiguration {

	/** The blocking pop gets its own wait plus an ordinary command's, so Lettuce never gives up before Redis. */
	@Bean
	ChatRedis chatRedis(DataRedisConnectionDetails details, ClientResources clientResources,
			ChatRedisProperties properties) {
		return new ChatRedis(details, clientResources, properties,
				properties.commandTimeout().plus(WaitingPolls.POP_TIMEOUT));
	}
}
