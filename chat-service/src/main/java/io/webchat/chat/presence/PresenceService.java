package io.webchat.chat.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.webchat.chat.delivery.ChatEvents;
import io.webchat.chat.delivery.DeliveryProperties;
import io.webchat.chat.delivery.EventDelivery;
import io.webchat.chat.delivery.Presence;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A user is online while one of their clients polls. The {@code chat:presence} sorted set holds
 * each online user's last poll; the first poll after being offline, and the sweep that finds
 * no live client left, tell the user's friends through their long polls.
 */
@Service
public class PresenceService implements Presence {

	private static final LuaScript LIVE_CLIENTS = LuaScript.load("scripts/live-clients.lua", ScriptOutputType.INTEGER);

	private final ChatRedis redis;

	private final EventDelivery delivery;

	private final DeliveryProperties properties;

	private final Clock clock;

	PresenceService(ChatRedis redis, EventDelivery delivery, DeliveryProperties properties, Clock clock) {
		this.redis = redis;
		this.delivery = delivery;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Mono<Void> polled(long userId) {
		return Mono
			.fromCompletionStage(
					() -> this.redis.async().zadd(ChatKeys.PRESENCE, this.clock.millis(), Long.toString(userId)))
			.flatMap((added) -> (added == 1) ? tellFriends(userId, true) : Mono.empty());
	}

	@Override
	public Mono<Void> closed(long userId, String clientId) {
		return goOfflineUnlessLive(userId, clientId);
	}

	/** Users whose last poll is older than the presence window; each is checked and maybe offline. */
	Mono<Void> sweep() {
		double staleBefore = this.clock.millis() - this.properties.presenceWindow().toMillis();
		return Mono
			.fromCompletionStage(() -> this.redis.async()
				.zrangebyscore(ChatKeys.PRESENCE, Range.create(Double.NEGATIVE_INFINITY, staleBefore)))
			.flatMapMany(Flux::fromIterable)
			.concatMap((userId) -> goOfflineUnlessLive(Long.parseLong(userId), ""))
			.then();
	}

	@Override
	public Mono<List<Long>> onlineFriends(long userId) {
		return Mono.fromCompletionStage(() -> this.redis.async().smembers(ChatKeys.friends(userId)))
			.flatMap((friends) -> {
				if (friends.isEmpty()) {
					return Mono.just(List.<Long>of());
				}
				String[] ids = friends.toArray(String[]::new);
				return Mono.fromCompletionStage(() -> this.redis.async().zmscore(ChatKeys.PRESENCE, ids))
					.map((lastPolls) -> online(ids, lastPolls));
			});
	}

	private List<Long> online(String[] ids, List<Double> lastPolls) {
		double onlineSince = this.clock.millis() - this.properties.presenceWindow().toMillis();
		List<Long> online = new ArrayList<>();
		for (int i = 0; i < ids.length; i++) {
			if (lastPolls.get(i) != null && lastPolls.get(i) >= onlineSince) {
				online.add(Long.valueOf(ids[i]));
			}
		}
		online.sort(null);
		return online;
	}

	private Mono<Void> goOfflineUnlessLive(long userId, String clientToClose) {
		return Mono
			.fromCompletionStage(() -> LIVE_CLIENTS.<Long>runAsync(this.redis.async(), List.of(ChatKeys.clients(userId)),
					List.of(ChatKeys.clientPrefix(userId), Long.toString(this.properties.clientTimeToLive().toMillis()),
							Long.toString(this.properties.presenceWindow().toMillis()), clientToClose)))
			.flatMap((live) -> (live != 0) ? Mono.empty()
					// several instances may sweep at once: only the one whose ZREM removed the user tells
					: Mono.fromCompletionStage(() -> this.redis.async().zrem(ChatKeys.PRESENCE, Long.toString(userId)))
						.flatMap((removed) -> (removed == 1) ? tellFriends(userId, false) : Mono.empty()));
	}

	private Mono<Void> tellFriends(long userId, boolean online) {
		return Mono.fromCompletionStage(() -> this.redis.async().smembers(ChatKeys.friends(userId)))
			.flatMap((friends) -> friends.isEmpty() ? Mono.empty()
					: this.delivery.deliver(ChatEvents.presence(userId, online),
							friends.stream().map(Long::valueOf).toList()));
	}

}
