package io.webchat.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.webchat.gateway.FakeBackend.Response;
import io.webchat.testsupport.RedisTestService;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Past its limit of calls in progress the gateway refuses the next call at once with a 503 to
 * retry, instead of queueing it, and a finished call frees its place; long polls have a limit of
 * their own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}",
				"spring.session.data.redis.namespace=webchat-gateway-test:session", "spring.session.timeout=10m",
				"webchat.gateway.max-concurrent-calls=2", "webchat.gateway.max-waiting-polls=1" })
@Import(RedisTestService.class)
class ConcurrentCallLimitTest {

	/** Holds every send at the chat instance until released. */
	private static final CountDownLatch sendsMayFinish = new CountDownLatch(1);

	/** Holds every poll that may wait ({@code timeout=25}) until released. */
	private static final CountDownLatch pollsMayFinish = new CountDownLatch(1);

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}"));

	static final FakeBackend chatService = FakeBackend.start("chat-service", (request) -> {
		if (request.path().equals("/api/chat/messages")) {
			waitFor(sendsMayFinish);
		}
		else if (request.pathAndQuery().endsWith("timeout=25")) {
			waitFor(pollsMayFinish);
		}
		return Response.json("{}");
	});

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls", chatService::url);
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopBackends() {
		sendsMayFinish.countDown();
		pollsMayFinish.countDown();
		accountService.close();
		chatService.close();
	}

	@Test
	void aCallPastTheLimitIsA503AtOnceAndPollsAreNotCounted() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		List<CompletableFuture<HttpResponse<String>>> held = List.of(CompletableFuture.supplyAsync(() -> send(alice)),
				CompletableFuture.supplyAsync(() -> send(alice)));
		await().atMost(Duration.ofSeconds(5)).until(() -> chatService.requestsTo("/api/chat/messages").size() == 2);

		long start = System.nanoTime();
		HttpResponse<String> refused = send(alice);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(took).isLessThan(Duration.ofSeconds(1));
		assertThat(chatService.requestsTo("/api/chat/messages")).as("the refused send was not forwarded").hasSize(2);
		assertThat(alice.get("/api/chat/clients/abc/events?timeout=0").statusCode()).as("a poll").isEqualTo(200);

		sendsMayFinish.countDown();
		assertThat(held).allSatisfy((send) -> assertThat(send.join().statusCode()).isEqualTo(200));
		assertThat(send(alice).statusCode()).as("a send once the others finished").isEqualTo(200);
	}

	@Test
	void aPollPastTheLimitOfWaitingPollsIsA503AtOnce() {
		BrowserLikeClient bob = new BrowserLikeClient(this.port);
		assertThat(bob.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		CompletableFuture<HttpResponse<String>> waiting = CompletableFuture
			.supplyAsync(() -> bob.get("/api/chat/clients/one/events?timeout=25"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> chatService.requestsTo("/api/chat/clients/one/events").size() == 1);

		HttpResponse<String> refused = bob.get("/api/chat/clients/two/events?timeout=25");

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(chatService.requestsTo("/api/chat/clients/two/events")).as("not forwarded").isEmpty();
		pollsMayFinish.countDown();
		assertThat(waiting.join().statusCode()).isEqualTo(200);
		assertThat(bob.get("/api/chat/clients/two/events?timeout=25").statusCode()).as("once the first is answered")
			.isEqualTo(200);
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static HttpResponse<String> send(BrowserLikeClient client) {
		return client.postJsonWithXsrfHeader("/api/chat/messages", "{\"to\":2,\"type\":\"single\",\"msg\":\"hi\"}");
	}
}
