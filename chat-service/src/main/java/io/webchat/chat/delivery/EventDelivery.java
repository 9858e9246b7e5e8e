package io.webchat.chat.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Puts an event into the inbox of every live client of some users. One script per user (each
 * touches only that user's keys, one cluster slot), all sent back to back on the shared
 * connection: a 1,000-member group costs one round trip, not a thousand. The clients whose polls
 * were parked waiting are then woken, one RPUSH per instance they wait on (a second round trip).
 * Every command is bounded by the connection's command timeout
 * ({@link io.webchat.chat.redis.ChatRedisProperties}), so a delivery never waits longer.
 */
@Component
public class EventDelivery {

	private static final Logger logger = LoggerFactory.getLogger(EventDelivery.class);

	private static final LuaScript DELIVER = LuaScript.load("scripts/deliver.lua", ScriptOutputType.MULTI);

	private final ChatRedis redis;

	private final DeliveryProperties properties;

	EventDelivery(ChatRedis redis, DeliveryProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Delivers {@code event} to each user in {@code unreadFieldByUser}, raising the unread count
	 * of the named conversation for users with a non-empty field. Completes once every inbox has
	 * the event; fails if Redis refused one of them.
	 */
	public Mono<Void> deliver(String event, Map<Long, String> unreadFieldByUser) {
		return deliver(event, unreadFieldByUser, null);
	}

	/**
	 * Delivers {@code event} as {@link #deliver(String, Map)} does, except to one client that has
	 * it already: the one that sent a message gets it in its send's answer, so its poll is neither
	 * given it again nor woken for it.
	 */
	public Mono<Void> deliver(String event, Map<Long, String> unreadFieldByUser, @Nullable ClientAddress holder) {
		return Mono.defer(() -> {
			// one connection for all the scripts, so that they go out in one flush
			RedisClusterAsyncCommands<String, String> redis = this.redis.async();
			List<CompletableFuture<List<Object>>> pushes = new ArrayList<>(unreadFieldByUser.size());
			unreadFieldByUser.forEach((userId, unreadField) -> pushes.add(DELIVER
				.<List<Object>>runAsync(redis, List.of(ChatKeys.clients(userId), ChatKeys.unread(userId)),
						List.of(event, ChatKeys.clientPrefix(userId),
								Long.toString(this.properties.clientTimeToLive().toMillis()),
								Integer.toString(this.properties.inboxCap()), unreadField,
								(holder != null && holder.userId() == userId) ? holder.clientId() : ""))
				.toCompletableFuture()));
			return Mono.fromFuture(CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)), true)
				.onErrorMap((ex) -> new IllegalStateException("Redis refused a delivery", unwrapped(ex)))
				.then(Mono.defer(() -> wake(parkedPolls(pushes))));
		});
	}

	/** One client of one user, as a send names the client it came from. */
	public record ClientAddress(long userId, String clientId) {
	}

	/** Delivers {@code event} to these users without touching unread counts. */
	public Mono<Void> deliver(String event, Collection<Long> userIds) {
		Map<Long, String> noUnread = new HashMap<>();
		userIds.forEach((userId) -> noUnread.put(userId, ""));
		return deliver(event, noUnread);
	}

	/** The polls the delivery scripts found parked, by the wake list of the instance they wait on. */
	private static Map<String, List<String>> parkedPolls(List<CompletableFuture<List<Object>>> pushes) {
		Map<String, List<String>> pollsByWakeList = new HashMap<>();
		for (CompletableFuture<List<Object>> push : pushes) {
			List<Object> delivered = push.join();
			for (Object parked : delivered.subList(1, delivered.size())) {
				WaitingPolls.Parked poll = WaitingPolls.Parked.of((String) parked);
				pollsByWakeList.computeIfAbsent(poll.wakeList(), (list) -> new ArrayList<>()).add(poll.pollId());
			}
		}
		return pollsByWakeList;
	}

	/**
	 * Wakes parked polls. The event is delivered by now, so a failure here fails nothing: the
	 * events are in the inboxes, and each poll looks there when its timeout ends it.
	 */
	private Mono<Void> wake(Map<String, List<String>> pollsByWakeList) {
		if (pollsByWakeList.isEmpty()) {
			return Mono.empty();
		}
		RedisClusterAsyncCommands<String, String> redis = this.redis.async();
		List<CompletableFuture<?>> wakes = new ArrayList<>(pollsByWakeList.size() * 2);
		pollsByWakeList.forEach((wakeList, pollIds) -> {
			wakes.add(redis.rpush(wakeList, pollIds.toArray(String[]::new)).toCompletableFuture());
			wakes.add(redis
				.pexpire(wakeList, WaitingPolls.WAKE_LIST_TIME_TO_LIVE.toMillis())
				.toCompletableFuture());
		});
		return Mono.fromFuture(CompletableFuture.allOf(wakes.toArray(CompletableFuture[]::new)), true)
			.onErrorResume((ex) -> {
				logger.warn("Delivered, but could not wake {} waiting polls; they answer at their timeouts: {}",
						pollsByWakeList.values().stream().mapToInt(List::size).sum(), unwrapped(ex).toString());
				return Mono.empty();
			});
	}

	private static Throwable unwrapped(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}
}
