package io.webchat.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * A chat-service instance that stops answering mid-request: the gateway gives up after its read
 * timeout ({@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}, here the shortest the start-up check allows
 * for a 1 s poll) and answers 503 to retry, instead of holding the request as long as the
 * instance does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}",
				"spring.session.data.redis.namespace=webchat-gateway-test:session", "spring.session.timeout=10m",
				"webchat.gateway.chat-poll-max-timeout=1s", "spring.cloud.gateway.server.webflux.httpclient.response-timeout=6s" })
@Import(RedisTestService.class)
class SlowChatInstanceTest {

	/** Holds every request at the stalled instance until the test is over. */
	private static final CountDownLatch testOver = new CountDownLatch(1);

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}"));

	/** Answers only once the test is over: an answer the test sees is a read timeout that was not applied. */
	static final FakeBackend stalledChatService = FakeBackend.start("chat-service-stalled", (request) -> {
		try {
			testOver.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Response.json("{\"answered\":\"late\"}");
	});

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls", stalledChatService::url);
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopBackends() {
		testOver.countDown();
		accountService.close();
		stalledChatService.close();
	}

	@Test
	void aSendToAnInstanceThatStopsAnsweringIsA503AfterTheReadTimeout() {
		HttpResponse<String> send = loggedIn().postJsonWithXsrfHeader("/api/chat/messages",
				"{\"to\":2,\"type\":\"single\",\"msg\":\"hi\"}");

		assertRetryLater(send);
	}

	/** The long poll's own route: it holds no thread while it waits, and still gives up in time. */
	@Test
	void aPollToAnInstanceThatStopsAnsweringIsA503AfterTheReadTimeout() {
		BrowserLikeClient alice = loggedIn();
		long started = System.nanoTime();

		HttpResponse<String> poll = alice.get("/api/chat/clients/abc123/events?timeout=1");

		assertRetryLater(poll);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(6))
			.isLessThan(Duration.ofSeconds(11));
		assertThat(stalledChatService.requestsTo("/api/chat/clients/abc123/events")).as("tries").hasSize(1);
	}

	private BrowserLikeClient loggedIn() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		return alice;
	}

	private static void assertRetryLater(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
	}
}
