package io.webchat.chat.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.ScriptOutputType;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.ChatRedisProperties;
import io.webchat.chat.redis.LuaScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Puts an event into the inbox of every live client of some users. One script per user (each
 * touches only that user's keys, one cluster slot), all sent back to back on the shared
 * connection: a 1,000-member group costs one round trip, not a thousand. The clients whose polls
 * were parked waiting are then woken, one RPUSH per instance they wait on (a second round trip).
 */
@Component
public class EventDelivery {

	private static final Logger logger = LoggerFactory.getLogger(EventDelivery.class);

	private static final LuaScript DELIVER = LuaScript.load("scripts/deliver.lua", ScriptOutputType.MULTI);

	private final ChatRedis redis;

	private final DeliveryProperties properties;

	private final ChatRedisProperties redisProperties;

	EventDelivery(ChatRedis redis, DeliveryProperties properties, ChatRedisProperties redisProperties) {
		this.redis = redis;
		this.properties = properties;
		this.redisProperties = redisProperties;
	}

	/**
	 * Delivers {@code event} to each user in {@code unreadFieldByUser}, raising the unread count
	 * of the named conversation for users with a non-empty field.
	 */
	public void deliver(String event, Map<Long, String> unreadFieldByUser) {
		List<CompletableFuture<List<Object>>> pushes = new ArrayList<>(unreadFieldByUser.size());
		unreadFieldByUser.forEach((userId, unreadField) -> pushes.add(DELIVER.<List<Object>>runAsync(this.redis.async(),
				List.of(ChatKeys.clients(userId), ChatKeys.unread(userId)),
				List.of(event, ChatKeys.clientPrefix(userId), Long.toString(this.properties.clientTimeToLive().toMillis()),
						Integer.toString(this.properties.inboxCap()), unreadField))
			.toCompletableFuture()));
		awaitAll(pushes);
		Map<String, List<String>> pollsByWakeList = new HashMap<>();
		for (CompletableFuture<List<Object>> push : pushes) {
			List<Object> delivered = push.join();
			for (Object parked : delivered.subList(1, delivered.size())) {
				WaitingPolls.Parked poll = WaitingPolls.Parked.of((String) parked);
				pollsByWakeList.computeIfAbsent(poll.wakeList(), (list) -> new ArrayList<>()).add(poll.pollId());
			}
		}
		wake(pollsByWakeList);
	}

	/**
	 * Wakes parked polls. The event is delivered by now, so a failure here fails nothing: the
	 * events are in the inboxes, and each poll looks there when its timeout ends it.
	 */
	private void wake(Map<String, List<String>> pollsByWakeList) {
		List<CompletableFuture<?>> wakes = new ArrayList<>(pollsByWakeList.size() * 2);
		pollsByWakeList.forEach((wakeList, pollIds) -> {
			wakes.add(this.redis.async().rpush(wakeList, pollIds.toArray(String[]::new)).toCompletableFuture());
			wakes.add(this.redis.async()
				.pexpire(wakeList, WaitingPolls.WAKE_LIST_TIME_TO_LIVE.toMillis())
				.toCompletableFuture());
		});
		try {
			awaitAll(wakes);
		}
		catch (IllegalStateException ex) {
			logger.warn("Delivered, but could not wake {} waiting polls; they answer at their timeouts: {}",
					pollsByWakeList.values().stream().mapToInt(List::size).sum(), ex.toString());
		}
	}

	/** Delivers {@code event} to these users without touching unread counts. */
	public void deliver(String event, Collection<Long> userIds) {
		Map<Long, String> noUnread = new HashMap<>();
		userIds.forEach((userId) -> noUnread.put(userId, ""));
		deliver(event, noUnread);
	}

	private void awaitAll(List<? extends CompletableFuture<?>> pushes) {
		try {
			CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new))
				.get(this.redisProperties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Redis refused a delivery", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Redis did not confirm the delivery within "
					+ this.redisProperties.commandTimeout(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while delivering", ex);
		}
	}
}
