package io.webchat.chat.message;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.ScriptOutputType;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;
import io.webchat.problem.ApiProblem;

import org.springframework.stereotype.Component;

/**
 * Counts each user's sends per fixed window in Redis, so the limit holds however many
 * instances serve the user.
 */
@Component
class SendRateLimiter {

	private static final LuaScript COUNT = LuaScript.load("scripts/count-in-window.lua", ScriptOutputType.INTEGER);

	private final ChatRedis redis;

	private final MessageProperties properties;

	private final Clock clock;

	SendRateLimiter(ChatRedis redis, MessageProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	void acquire(long userId) {
		long windowMillis = this.properties.sendWindow().toMillis();
		long now = this.clock.millis();
		long window = now / windowMillis;
		String key = ChatKeys.sendCount(userId, window);
		long sends = COUNT.<Long>run(this.redis.sync(), java.util.List.of(key), java.util.List.of(Long.toString(windowMillis)));
		if (sends > this.properties.maxSendsPerWindow()) {
			throw ApiProblem.tooManyRequests("send-rate-exceeded",
					"You may send " + this.properties.maxSendsPerWindow() + " messages per "
							+ this.properties.sendWindow().toSeconds() + " s; wait a moment.",
					Duration.ofMillis((window + 1) * windowMillis - now));
		}
	}
}
