package io.webchat.chat.message;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.ScriptOutputType;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;
import io.webchat.problem.ApiProblem;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Counts each user's sends in Redis, so the limit holds however many instances serve the user.
 * A window opens with the user's first send rather than on a wall-clock boundary, so a burst
 * is never split across two windows and the answer does not depend on when it started.
 */
@Component
class SendRateLimiter {

	private static final LuaScript COUNT = LuaScript.load("scripts/count-in-window.lua", ScriptOutputType.MULTI);

	private final ChatRedis redis;

	private final MessageProperties properties;

	SendRateLimiter(ChatRedis redis, MessageProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** Completes when the user may send once more, or fails with a 429 that says when to try again. */
	Mono<Void> acquire(long userId) {
		long windowMillis = this.properties.sendWindow().toMillis();
		return Mono
			.fromCompletionStage(() -> COUNT.<List<Long>>runAsync(this.redis.async(), List.of(ChatKeys.sendCount(userId)),
					List.of(Long.toString(windowMillis))))
			.flatMap((countAndMillisLeft) -> {
				long sends = countAndMillisLeft.get(0);
				if (sends <= this.properties.maxSendsPerWindow()) {
					return Mono.empty();
				}
				long millisLeft = countAndMillisLeft.get(1);
				return Mono.error(ApiProblem.tooManyRequests("send-rate-exceeded",
						"You may send " + this.properties.maxSendsPerWindow() + " messages per "
								+ this.properties.sendWindow().toSeconds() + " s; wait a moment.",
						Duration.ofMillis(millisLeft)));
			});
	}
}
