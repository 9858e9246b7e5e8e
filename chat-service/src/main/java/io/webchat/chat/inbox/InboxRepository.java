package io.webchat.chat.inbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.webchat.chat.redis.ChatRedisProperties;

import org.springframework.stereotype.Repository;

/** Each user's inbox is a Redis list: senders RPUSH at its tail, polls pop from its head. */
@Repository
public class InboxRepository {

	private final StatefulRedisConnection<String, String> redis;

	private final Duration commandTimeout;

	InboxRepository(StatefulRedisConnection<String, String> redis, ChatRedisProperties properties) {
		this.redis = redis;
		this.commandTimeout = properties.commandTimeout();
	}

	static String inboxKey(long userId) {
		return "chat:inbox:{user:" + userId + "}";
	}

	/**
	 * Appends the message to every recipient's inbox. The RPUSHes go out back to back on one
	 * connection without waiting for each reply, so a 1,000-member group costs one round trip,
	 * not a thousand.
	 */
	public void deliver(Collection<Long> recipientIds, String message) {
		RedisAsyncCommands<String, String> async = this.redis.async();
		RedisFuture<?>[] pushes = recipientIds.stream()
			.map((userId) -> async.rpush(inboxKey(userId), message))
			.toArray(RedisFuture[]::new);
		if (!LettuceFutures.awaitAll(this.commandTimeout, pushes)) {
			throw new IllegalStateException("Redis did not confirm the delivery within " + this.commandTimeout);
		}
	}

	/** Removes and returns up to {@code max} waiting messages, without blocking. */
	List<String> popWaiting(long userId, int max) {
		List<String> popped = this.redis.sync().lpop(inboxKey(userId), max);
		return (popped != null) ? popped : List.of();
	}
}
