package io.webchat.chat.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.ScriptOutputType;
import io.webchat.chat.presence.PresenceService;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;
import io.webchat.problem.ApiProblem;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Each open page (or device) is a client with an inbox of its own, so two tabs both get every
 * message. A poll hands out a batch and keeps it in the client's pending list until the next
 * poll acknowledges it; a lost answer is therefore answered again, never lost. See
 * docs/delivery.md.
 */
@Service
public class LongPollService {

	private static final LuaScript REGISTER = LuaScript.load("scripts/register-client.lua", ScriptOutputType.MULTI);

	private static final LuaScript POLL = LuaScript.load("scripts/poll.lua", ScriptOutputType.MULTI);

	private final ChatRedis redis;

	private final PresenceService presence;

	private final DeliveryProperties properties;

	private final JsonMapper json;

	LongPollService(ChatRedis redis, PresenceService presence, DeliveryProperties properties, JsonMapper json) {
		this.redis = redis;
		this.presence = presence;
		this.properties = properties;
		this.json = json;
	}

	ClientRegistration register(long userId) {
		String clientId = UUID.randomUUID().toString().replace("-", "");
		List<Object> unreadFlat = REGISTER.run(this.redis.sync(), List.of(ChatKeys.clients(userId), ChatKeys.unread(userId)),
				List.of(clientId, ttlMillis(), ChatKeys.clientPrefix(userId), Integer.toString(this.properties.maxClientsPerUser())));
		Map<String, Long> unread = new HashMap<>();
		for (int i = 0; i + 1 < unreadFlat.size(); i += 2) {
			unread.put((String) unreadFlat.get(i), Long.valueOf((String) unreadFlat.get(i + 1)));
		}
		this.presence.polled(userId);
		return new ClientRegistration(clientId, unread, this.presence.onlineFriends(userId));
	}

	void close(long userId, String clientId) {
		this.presence.closed(userId, clientId);
	}

	/**
	 * Answers at once with the unacknowledged batch or whatever waits; otherwise blocks until an
	 * event arrives (BLMOVE into the pending list, so a poll that dies here loses nothing) or the
	 * timeout passes.
	 */
	EventBatch poll(long userId, String clientId, String ack, Duration timeout) {
		EventBatch batch = pollNow(userId, clientId, ack);
		this.presence.polled(userId);
		if (batch != null) {
			return batch;
		}
		if (timeout.isZero()) {
			return EventBatch.empty();
		}
		String moved = this.redis.blocking((commands) -> commands.blmove(
				ChatKeys.clientKey(userId, clientId, "inbox"), ChatKeys.clientKey(userId, clientId, "pending"),
				LMoveArgs.Builder.leftRight(), timeout.toMillis() / 1000.0));
		// also after a timeout: a concurrent (abandoned) poll of this client may have prepared a batch
		EventBatch arrived = pollNow(userId, clientId, (moved != null) ? "" : ack);
		return (arrived != null) ? arrived : EventBatch.empty();
	}

	/** The poll script: a batch, a resync, or {@code null} when there is nothing to hand out. */
	private EventBatch pollNow(long userId, String clientId, String ack) {
		List<Object> result = POLL.run(this.redis.sync(),
				List.of(ChatKeys.clients(userId), ChatKeys.clientKey(userId, clientId, "inbox"),
						ChatKeys.clientKey(userId, clientId, "pending"), ChatKeys.clientKey(userId, clientId, "batch"),
						ChatKeys.clientKey(userId, clientId, "batches"), ChatKeys.clientKey(userId, clientId, "overflow")),
				List.of(clientId, (ack != null) ? ack : "", Integer.toString(this.properties.maxBatch()), ttlMillis()));
		return switch ((String) result.get(0)) {
			case "unknown" -> throw new ApiProblem(HttpStatus.NOT_FOUND, "unknown-client",
					"No client " + clientId + " is registered, or it stopped polling for longer than "
							+ this.properties.clientTimeToLive().toMinutes()
							+ " minutes. Register a new client and reload what you show from history.");
			case "resync" -> EventBatch.resyncNeeded((String) result.get(1));
			case "batch" -> new EventBatch((String) result.get(1),
					result.subList(2, result.size()).stream().map((event) -> this.json.readTree((String) event)).toList(),
					false);
			default -> null;
		};
	}

	private String ttlMillis() {
		return Long.toString(this.properties.clientTimeToLive().toMillis());
	}
}
