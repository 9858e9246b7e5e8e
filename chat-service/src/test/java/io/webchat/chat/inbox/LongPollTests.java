package io.webchat.chat.inbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import io.webchat.chat.ChatServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LongPollTests extends ChatServiceIntegrationTest {

	@Test
	void answersAtOnceWithEverythingWaitingOldestFirst() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		for (String text : List.of("one", "two", "three")) {
			send(alice, "{\"to\": %d, \"type\": \"single\", \"msg\": \"%s\"}".formatted(bob, text)).toBodilessEntity();
		}

		String answer = poll(bob, 25).body(String.class);

		assertThat(JsonPath.<List<String>>read(answer, "$.messages[*].msg")).containsExactly("one", "two", "three");
		assertThat(inboxLength(bob)).isZero();
	}

	@Test
	void answersWithAnEmptyListWhenNothingArrivesBeforeTheTimeout() {
		ResponseEntity<String> answer = poll(newUserId(), 1).toEntity(String.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(JsonPath.<List<Object>>read(answer.getBody(), "$.messages")).isEmpty();
	}

	@Test
	void wakesAWaitingPollAsSoonAsAMessageArrives() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> poll(bob, 20).body(String.class));
		awaitBlockedPolls(1);

		send(alice, "{\"to\": %d, \"type\": \"single\", \"msg\": \"wake up\"}".formatted(bob)).toBodilessEntity();

		// far less than the poll's 20 s timeout: the poll was woken, not timed out
		String answer = await().atMost(Duration.ofSeconds(5)).until(() -> waiting.getNow(null), (body) -> body != null);
		assertThat(JsonPath.<List<String>>read(answer, "$.messages[*].msg")).containsExactly("wake up");
	}

	@Test
	void manyPollsWaitInRedisAtOnceInsteadOfQueueingForAConnection() {
		int polls = 40;
		long sender = newUserId();
		List<Long> users = IntStream.range(0, polls).mapToObj((i) -> newUserId()).toList();
		users.forEach((user) -> givenFriends(sender, user));
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<CompletableFuture<String>> waiting = users.stream()
				.map((user) -> CompletableFuture.supplyAsync(() -> poll(user, 20).body(String.class), threads))
				.toList();

			awaitBlockedPolls(polls);
			users.forEach((user) -> send(sender, "{\"to\": %d, \"type\": \"single\", \"msg\": \"to %d\"}".formatted(user, user))
				.toBodilessEntity());

			for (int i = 0; i < polls; i++) {
				String answer = waiting.get(i).join();
				assertThat(JsonPath.<List<String>>read(answer, "$.messages[*].msg")).containsExactly("to " + users.get(i));
			}
		}
	}

	@Test
	void refusesANegativeTimeout() {
		ResponseEntity<String> refused = poll(newUserId(), -1).toEntity(String.class);
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
	}

	/** Counts this test database's connections blocked in BLPOP, as Redis reports them. */
	private void awaitBlockedPolls(int atLeast) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.redis.sync()
			.clientList()
			.lines()
			.filter((client) -> client.contains(" cmd=blpop") && client.contains(" db=14 "))
			.count() >= atLeast);
	}
}
