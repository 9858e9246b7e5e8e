package io.webchat.chat.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.redis.LuaScript;
import io.webchat.problem.ApiProblem;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Each open page (or device) is a client with an inbox of its own, so two tabs both get every
 * message. A poll hands out a batch and keeps it in the client's pending list until the next
 * poll acknowledges it; a lost answer is therefore answered again, never lost. A poll that
 * finds nothing waits in {@link WaitingPolls} until a delivery wakes it. See docs/delivery.md.
 */
@Service
public class LongPollService {

	private static final LuaScript REGISTER = LuaScript.load("scripts/register-client.lua", ScriptOutputType.MULTI);

	private static final LuaScript POLL = LuaScript.load("scripts/poll.lua", ScriptOutputType.MULTI);

	private final ChatRedis redis;

	private final Presence presence;

	private final DeliveryProperties properties;

	private final WaitingPolls waitingPolls;

	private final JsonMapper json;

	LongPollService(ChatRedis redis, Presence presence, DeliveryProperties properties,
			WaitingPolls waitingPolls, JsonMapper json) {
		this.redis = redis;
		this.presence = presence;
		this.properties = properties;
		this.waitingPolls = waitingPolls;
		this.json = json;
	}

	Mono<ClientRegistration> register(long userId) {
		String clientId = UUID.randomUUID().toString().replace("-", "");
		return Mono
			.fromCompletionStage(() -> REGISTER.<List<Object>>runAsync(this.redis.async(),
					List.of(ChatKeys.clients(userId), ChatKeys.unread(userId)), List.of(clientId, ttlMillis(),
							ChatKeys.clientPrefix(userId), Integer.toString(this.properties.maxClientsPerUser()))))
			.flatMap((unreadFlat) -> {
				Map<String, Long> unread = new HashMap<>();
				for (int i = 0; i + 1 < unreadFlat.size(); i += 2) {
					unread.put((String) unreadFlat.get(i), Long.valueOf((String) unreadFlat.get(i + 1)));
				}
				return this.presence.polled(userId)
					.then(this.presence.onlineFriends(userId))
					.map((onlineFriends) -> new ClientRegistration(clientId, unread, onlineFriends));
			});
	}

	Mono<Void> close(long userId, String clientId) {
		return this.presence.closed(userId, clientId);
	}

	/**
	 * Answers at once with the unacknowledged batch or whatever waits; otherwise parks until a
	 * delivery wakes it or the timeout passes, then answers what its inbox holds (possibly
	 * nothing). Events move from the inbox to the pending batch only inside the poll script, so
	 * a poll that dies while it waits loses nothing.
	 */
	Mono<EventBatch> poll(long userId, String clientId, String ack, Duration timeout) {
		if (timeout.isZero() || !this.waitingPolls.accepting()) {
			return Mono
				.fromCompletionStage(() -> POLL.<List<Object>>runAsync(this.redis.async(), keys(userId, clientId),
						args(clientId, ack, "")))
				.flatMap((result) -> {
					EventBatch batch = toBatch(result, clientId);
					return this.presence.polled(userId).thenReturn((batch != null) ? batch : EventBatch.empty());
				});
		}
		return Mono.defer(() -> {
			WaitingPolls.Wait wait = this.waitingPolls.register(userId, clientId, timeout);
			return Mono
				.fromCompletionStage(() -> POLL.<List<Object>>runAsync(this.redis.async(), keys(userId, clientId),
						args(clientId, ack, wait.parkedAs())))
				.flatMap((result) -> {
					EventBatch batch = toBatch(result, clientId);
					if (batch != null) {
						wait.end();
						return this.presence.polled(userId).thenReturn(batch);
					}
					return this.presence.polled(userId).then(lastLook(wait, userId, clientId));
				})
				.doOnError((ex) -> wait.end())
				// after the cancel has reached the last look, so that a poll whose client hung up
				// only stops waiting and leaves its inbox alone
				.doFinally((signal) -> {
					if (signal == SignalType.CANCEL) {
						wait.end();
					}
				});
		});
	}

	/** The look into the inbox once the wait is over; the acknowledgement was taken by the first, and it must not park again. */
	private Mono<EventBatch> lastLook(WaitingPolls.Wait wait, long userId, String clientId) {
		return Mono
			.fromCompletionStage(() -> wait.woken()
				.thenCompose((woken) -> POLL.<List<Object>>runAsync(this.redis.async(), keys(userId, clientId),
						args(clientId, "", ""))))
			.map((result) -> {
				EventBatch arrived = toBatch(result, clientId);
				return (arrived != null) ? arrived : EventBatch.empty();
			});
	}

	private static List<String> keys(long userId, String clientId) {
		return List.of(ChatKeys.clients(userId), ChatKeys.clientKey(userId, clientId, "inbox"),
				ChatKeys.clientKey(userId, clientId, "pending"), ChatKeys.clientKey(userId, clientId, "batch"),
				ChatKeys.clientKey(userId, clientId, "batches"), ChatKeys.clientKey(userId, clientId, "overflow"),
				ChatKeys.clientKey(userId, clientId, "parked"));
	}

	private List<String> args(String clientId, String ack, String parkIn) {
		return List.of(clientId, (ack != null) ? ack : "", Integer.toString(this.properties.maxBatch()), ttlMillis(),
				parkIn);
	}

	/** The poll script's answer: a batch, a resync, or {@code null} when there is nothing to hand out. */
	private EventBatch toBatch(List<Object> result, String clientId) {
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
