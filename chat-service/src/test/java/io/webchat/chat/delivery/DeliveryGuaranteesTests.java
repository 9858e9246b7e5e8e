package io.webchat.chat.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.webchat.chat.redis.ChatKeys;
import io.webchat.testsupport.RedisTestService;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The delivery guarantees on a single Redis, plus the ones that watch Redis's own client list. */
@Import(RedisTestService.class)
class DeliveryGuaranteesTests extends DeliveryGuaranteesContract {

	@Test
	void aWaitingPollIsWokenAsSoonAsAMessageArrives() throws Exception {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> poll(bobsPage, null, 20));
		awaitParked(bobsPage);

		sendText(alice, bob, "wake up");

		// far less than the poll's 20 s: it was woken, not timed out
		Batch answer = waiting.get(5, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(answer.texts()).containsExactly("wake up");
	}

	@Test
	void aPollWhoseAnswerNeverReachesTheClientLosesNothing() throws Exception {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		HttpClient impatient = HttpClient.newHttpClient();
		HttpRequest poll = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/chat/clients/" + bobsPage.id() + "/events?timeout=20"))
			.header("Authorization", bearer(bob))
			.timeout(Duration.ofSeconds(1))
			.build();
		// the client gives up on its poll (a dropped connection), while the server still waits
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> impatient.send(poll, HttpResponse.BodyHandlers.ofString()));
		awaitParked(bobsPage);

		sendText(alice, bob, "answered into the void");

		assertThat(receiveTexts(bobsPage, 1)).containsExactly("answered into the void");
	}

	@Test
	void aPollWhoseWakeIsLostStillAnswersTheEventAtItsTimeout() throws Exception {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> poll(bobsPage, null, 2));
		awaitParked(bobsPage);
		// as if the sender died between its delivery and the wake
		this.redis.sync().del(ChatKeys.clientKey(bob, bobsPage.id(), "parked"));

		sendText(alice, bob, "late, not lost");

		assertThat(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).texts()).containsExactly("late, not lost");
	}

	@Test
	void aPollsLastLookLeavesAloneWhatANewerPollOfItsClientParked() throws Exception {
		long bob = newUserId();
		Client bobsPage = register(bob);
		var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> poll(bobsPage, null, 2));
		awaitParked(bobsPage);
		// meanwhile the client's next poll parked on another instance
		String parked = ChatKeys.clientKey(bob, bobsPage.id(), "parked");
		this.redis.sync().set(parked, "chat:wake:another-instance 7");

		waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);

		assertThat(this.redis.sync().get(parked)).isEqualTo("chat:wake:another-instance 7");
	}

	@Test
	void someoneElsesPollOfTheSameClientIdDoesNotEndTheWait() throws Exception {
		long alice = newUserId();
		long bob = newUserId();
		long mallory = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> poll(bobsPage, null, 20));
		awaitParked(bobsPage);

		int mallorysTry = this.http.get()
			.uri("/api/chat/clients/{id}/events?timeout=20", bobsPage.id())
			.header("Authorization", bearer(mallory))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();

		assertThat(mallorysTry).isEqualTo(404);
		// an ended wait would answer within milliseconds; bob's must go on waiting
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
		sendText(alice, bob, "still yours");
		assertThat(waiting.get(5, java.util.concurrent.TimeUnit.SECONDS).texts()).containsExactly("still yours");
	}

	@Test
	void manyPollsWaitAtOnceOnASingleBlockedRedisConnection() {
		int polls = 40;
		long sender = newUserId();
		java.util.List<Long> users = java.util.stream.IntStream.range(0, polls).mapToObj((i) -> newUserId()).toList();
		users.forEach((user) -> givenFriends(sender, user));
		java.util.List<Client> pages = users.stream().map(this::register).toList();
		try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			var waiting = pages.stream().map((page) -> threads.submit(() -> poll(page, null, 20))).toList();

			pages.forEach(this::awaitParked);
			// one per chat instance: the test JVM may keep a few application contexts alive
			assertThat(blockedConnections()).as("Redis connections blocked for " + polls + " waiting polls")
				.isBetween(1L, 4L);
			users.forEach((user) -> sendText(sender, user, "to " + user));

			for (int i = 0; i < polls; i++) {
				assertThat(join(waiting.get(i)).texts()).containsExactly("to " + users.get(i));
			}
		}
	}

	/** Waits until the client's poll has parked: it waits for a wake, having found nothing. */
	private void awaitParked(Client client) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.redis.sync().exists(ChatKeys.clientKey(client.userId(), client.id(), "parked")) == 1);
	}

	/** The connections blocked in a command on this test's logical database, as Redis reports them. */
	private long blockedConnections() {
		String database = " " + java.util.Arrays.stream(this.redis.sync().clientInfo().split(" "))
			.filter((field) -> field.startsWith("db="))
			.findFirst()
			.orElseThrow() + " ";
		return this.redis.sync()
			.clientList()
			.lines()
			.filter((client) -> client.contains(" flags=b ") && client.contains(database))
			.count();
	}
}
