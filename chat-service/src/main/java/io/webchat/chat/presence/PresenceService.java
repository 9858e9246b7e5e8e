package io.webchat.chat.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.webchat.chat.delivery.ChatEvents;
import io.webchat.chat.delivery.DeliveryProperties;
import io.webchat.chat.delivery.EventDelivery;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;

import org.springframework.stereotype.Service;

/**
 * A user is online while one of their clients polls. The {@code chat:presence} sorted set holds
 * each online user's last poll; the first poll after being offline, and the sweep that finds
 * no live client left, tell the user's friends through their long polls.
 */
@Service
public class PresenceService {

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

	/** One of the user's clients just polled or registered. */
	public void polled(long userId) {
		Long added = this.redis.sync().zadd(ChatKeys.PRESENCE, this.clock.millis(), Long.toString(userId));
		if (added != null && added == 1) {
			tellFriends(userId, true);
		}
	}

	/** The user closed a client; without another live one they go offline at once. */
	public void closed(long userId, String clientId) {
		goOfflineUnlessLive(userId, clientId);
	}

	/** Users whose last poll is older than the presence window; each is checked and maybe offline. */
	void sweep() {
		double staleBefore = this.clock.millis() - this.properties.presenceWindow().toMillis();
		List<String> stale = this.redis.sync()
			.zrangebyscore(ChatKeys.PRESENCE, Range.create(Double.NEGATIVE_INFINITY, staleBefore));
		for (String userId : stale) {
			goOfflineUnlessLive(Long.parseLong(userId), "");
		}
	}

	public List<Long> onlineFriends(long userId) {
		Set<String> friends = this.redis.sync().smembers(ChatKeys.friends(userId));
		if (friends.isEmpty()) {
			return List.of();
		}
		String[] ids = friends.toArray(String[]::new);
		List<Double> lastPolls = this.redis.sync().zmscore(ChatKeys.PRESENCE, ids);
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

	private void goOfflineUnlessLive(long userId, String clientToClose) {
		Long live = LIVE_CLIENTS.run(this.redis.sync(), List.of(ChatKeys.clients(userId)),
				List.of(ChatKeys.clientPrefix(userId), Long.toString(this.properties.clientTimeToLive().toMillis()),
						Long.toString(this.properties.presenceWindow().toMillis()), clientToClose));
		if (live == 0) {
			// several instances may sweep at once: only the one whose ZREM removed the user tells
			Long removed = this.redis.sync().zrem(ChatKeys.PRESENCE, Long.toString(userId));
			if (removed != null && removed == 1) {
				tellFriends(userId, false);
			}
		}
	}

	private void tellFriends(long userId, boolean online) {
		List<Long> friends = this.redis.sync().smembers(ChatKeys.friends(userId)).stream().map(Long::valueOf).toList();
		if (!friends.isEmpty()) {
			this.delivery.deliver(ChatEvents.presence(userId, online), friends);
		}
	}

}
