package io.webchat.systemtest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One registered client of a user at the gateway — a tab, as the page is one — speaking the
 * delivery protocol of docs/delivery.md: each poll acknowledges the batch before it.
 */
final class ChatClient {

	/** What a poll answered. */
	record Batch(String batchId, List<JsonNode> events, boolean resync) {

		List<JsonNode> messages() {
			return this.events.stream()
				.filter((event) -> "message".equals(event.get("type").asString()))
				.map((event) -> event.get("message"))
				.toList();
		}
	}

	private final GatewayUser user;

	private final String id;

	private final JsonNode registration;

	/** The batchId of the last batch received; the next poll acknowledges it. */
	private volatile String ack;

	ChatClient(GatewayUser user, JsonNode registration) {
		this.user = user;
		this.id = registration.get("clientId").asString();
		this.registration = registration;
	}

	String id() {
		return this.id;
	}

	/** The answer to the registration: {@code clientId}, {@code unread}, {@code onlineFriends}. */
	JsonNode registration() {
		return this.registration;
	}

	String ack() {
		return this.ack;
	}

	/** Starts a poll acknowledging the last batch, and returns at once. */
	CompletableFuture<HttpResponse<String>> startPoll(int timeoutSeconds) {
		return startPoll(timeoutSeconds, this.ack);
	}

	/** Starts a poll acknowledging {@code ack} (null: none), and returns at once. */
	CompletableFuture<HttpResponse<String>> startPoll(int timeoutSeconds, String ack) {
		String path = eventsPath(timeoutSeconds) + ((ack != null) ? "&ack=" + ack : "");
		return this.user.getAsync(path, Duration.ofSeconds(timeoutSeconds + 20L));
	}

	/**
	 * A poll acknowledging the last batch, answered before it returns: through the user's
	 * gateways in turn, any status, a missing answer as {@link GatewayUser.GatewayUnreachable}.
	 */
	HttpResponse<String> pollAndWait(int timeoutSeconds) {
		String ack = this.ack;
		return this.user.get(eventsPath(timeoutSeconds) + ((ack != null) ? "&ack=" + ack : ""));
	}

	String eventsPath(int timeoutSeconds) {
		return "/api/chat/clients/" + this.id + "/events?timeout=" + timeoutSeconds;
	}

	/** Reads a poll's answer (failing the test unless it is 200) and remembers its batch for the next ack. */
	Batch accept(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("poll of client %s: %s", this.id, response.body()).isEqualTo(200);
		JsonNode body = GatewayUser.JSON.readTree(response.body());
		String batchId = (body.hasNonNull("batchId")) ? body.get("batchId").asString() : null;
		if (batchId != null) {
			this.ack = batchId;
		}
		List<JsonNode> events = new ArrayList<>();
		body.get("events").forEach(events::add);
		return new Batch(batchId, events, body.path("resync").asBoolean(false));
	}

	Batch poll(int timeoutSeconds) {
		return accept(await(startPoll(timeoutSeconds)));
	}

	/** Every event that waits, without waiting for more. */
	List<JsonNode> drainEvents() {
		List<JsonNode> drained = new ArrayList<>();
		while (true) {
			Batch batch = poll(0);
			if (batch.events().isEmpty()) {
				return drained;
			}
			drained.addAll(batch.events());
		}
	}

	/** The messages among the events that wait. */
	List<JsonNode> drainMessages() {
		return drainEvents().stream()
			.filter((event) -> "message".equals(event.get("type").asString()))
			.map((event) -> event.get("message"))
			.toList();
	}

	/**
	 * Polls until {@code count} distinct messages (by id) arrived, and returns them in arrival
	 * order; fails if they do not within {@code within}.
	 */
	List<JsonNode> awaitMessages(int count, Duration within) {
		Map<Long, JsonNode> byId = new LinkedHashMap<>();
		Instant deadline = Instant.now().plus(within);
		while (byId.size() < count) {
			assertThat(Instant.now()).as("%d of %d messages reached client %s in %s: %s", byId.size(), count, this.id,
					within, byId.values()).isBefore(deadline);
			for (JsonNode message : poll(1).messages()) {
				byId.putIfAbsent(message.get("id").asLong(), message);
			}
		}
		return List.copyOf(byId.values());
	}

	/** Closes the client, as a page does when it goes away. */
	void close() {
		HttpResponse<String> response = this.user.delete("/api/chat/clients/" + this.id);
		assertThat(response.statusCode()).as("DELETE client %s: %s", this.id, response.body()).isEqualTo(204);
	}

	static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> poll) {
		try {
			return poll.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("The poll did not complete: " + ex, ex);
		}
	}
}
