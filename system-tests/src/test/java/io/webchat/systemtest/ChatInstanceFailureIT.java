package io.webchat.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chat-service instance dies (kill -9) while long polls wait on it. The clients, re-polling
 * through the gateway with backoff as the page does, reach the other instance and get every
 * message exactly once. The killed instance is started again afterwards, so the tests that
 * run later in this JVM find the system whole.
 */
class ChatInstanceFailureIT extends AliceAndBobLoggedIn {

	private static final int TABS = 4;

	private static final int MESSAGES = 10;

	@AfterAll
	static void restartTheKilledInstance() {
		if (webchat != null) {
			webchat.restartChatInstance(0);
		}
	}

	@Test
	void everyMessageArrivesExactlyOnceWhenAnInstanceDiesUnderWaitingPolls() {
		List<Tab> tabs = new ArrayList<>();
		for (int i = 0; i < TABS; i++) {
			tabs.add(new Tab(bob.openClient()));
		}
		tabs.forEach((tab) -> tab.client.drainEvents());
		// The gateway hands requests to the two instances in turn: of four polls started
		// together, two wait on each.
		List<CompletableFuture<HttpResponse<String>>> waiting = tabs.stream().map((tab) -> tab.client.startPoll(20))
			.toList();
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
			.until(() -> waiting.stream().noneMatch(CompletableFuture::isDone));

		webchat.killChatInstance(0);

		// A send or a registration that picks the dead instance finds its connection refused and
		// is tried on the other one by the gateway, which then leaves the dead one out: the
		// dead instance costs the users no error at all.
		Map<Long, String> sent = new LinkedHashMap<>();
		for (int i = 1; i <= MESSAGES; i++) {
			String json = GatewayUser.messageJson(bobId, "single", "after the crash " + i, "crash-" + UUID.randomUUID());
			HttpResponse<String> answer = alice.postJson("/api/chat/messages", json);
			assertThat(answer.statusCode()).as("send %d right after the kill: %s", i, answer.body()).isEqualTo(201);
			JsonNode stored = GatewayUser.JSON.readTree(answer.body());
			sent.put(stored.get("id").asLong(), stored.get("msg").asString());
		}
		ChatClient registeredAfterTheKill = bob.openClient();

		// the polls that waited on the killed instance either failed with it or were retried by the
		// gateway on the surviving one; either way what matters is below: every message once
		for (int i = 0; i < TABS; i++) {
			tabs.get(i).settle(waiting.get(i));
		}

		withRetries("close the tab opened after the kill",
				() -> bob.delete("/api/chat/clients/" + registeredAfterTheKill.id()));
		for (Tab tab : tabs) {
			tab.pollUntilReceived(sent.keySet(), Duration.ofSeconds(45));
			assertThat(tab.messageIdsCountingEachBatchOnce()).as("tab %s: every message exactly once", tab.client.id())
				.containsExactlyInAnyOrderElementsOf(sent.keySet());
			withRetries("close tab " + tab.client.id(), () -> bob.delete("/api/chat/clients/" + tab.client.id()));
		}
	}

	/**
	 * A 5xx from the gateway (its instance is gone) or no answer at all: wait a growing,
	 * randomised delay and try again, as the page does.
	 */
	static HttpResponse<String> withRetries(String what, Supplier<HttpResponse<String>> request) {
		Instant deadline = Instant.now().plusSeconds(45);
		for (int attempt = 1;; attempt++) {
			try {
				HttpResponse<String> response = request.get();
				if (response.statusCode() < 500) {
					assertThat(response.statusCode()).as("%s: %s", what, response.body()).isBetween(200, 299);
					return response;
				}
			}
			catch (UncheckedIOException ex) {
				// the connection broke: the same as a 502
			}
			assertThat(Instant.now()).as("%s did not succeed in 45 s", what).isBefore(deadline);
			backOff(attempt);
		}
	}

	/** The poll's answer; a broken connection as an UncheckedIOException, for the retries. */
	static HttpResponse<String> answerOf(CompletableFuture<HttpResponse<String>> poll) {
		try {
			return poll.get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new UncheckedIOException(new IOException("The poll failed", ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("A poll got no answer in 60 s", ex);
		}
	}

	/** Full jitter, 1 s doubling to 30 s; the page's long-poll.js waits the same way. */
	static void backOff(int attempt) {
		long cap = Math.min(30_000, 1000L << Math.min(attempt - 1, 5));
		long delay = (long) (Math.random() * cap);
		CompletableFuture<Void> wait = new CompletableFuture<>();
		wait.completeOnTimeout(null, delay, TimeUnit.MILLISECONDS).join();
	}

	/** One tab of Bob's: its client and every batch it was answered, by batch id. */
	private static final class Tab {

		private final ChatClient client;

		private final Map<String, List<JsonNode>> batches = new LinkedHashMap<>();

		Tab(ChatClient client) {
			this.client = client;
		}

		/** Takes a poll's outcome; true if it failed (the instance holding it was killed). */
		boolean settle(CompletableFuture<HttpResponse<String>> poll) {
			HttpResponse<String> response;
			try {
				response = poll.get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (TimeoutException ex) {
				throw new AssertionError("A poll did not end after its instance was killed", ex);
			}
			if (response.statusCode() >= 500) {
				return true;
			}
			record(this.client.accept(response));
			return false;
		}

		void pollUntilReceived(Set<Long> ids, Duration within) {
			Instant deadline = Instant.now().plus(within);
			while (!receivedIds().containsAll(ids)) {
				assertThat(Instant.now()).as("tab %s received %s of %s", this.client.id(), receivedIds(), ids)
					.isBefore(deadline);
				HttpResponse<String> response = withRetries("poll of tab " + this.client.id(),
						() -> answerOf(this.client.startPoll(1)));
				record(this.client.accept(response));
			}
		}

		private void record(ChatClient.Batch batch) {
			if (batch.batchId() != null) {
				// a batch answered again (its answer was lost with the instance) counts once
				this.batches.putIfAbsent(batch.batchId(), batch.messages());
			}
		}

		private Set<Long> receivedIds() {
			return new HashSet<>(messageIdsCountingEachBatchOnce());
		}

		List<Long> messageIdsCountingEachBatchOnce() {
			return this.batches.values().stream().flatMap(List::stream).map((message) -> message.get("id").asLong())
				.toList();
		}
	}

}
