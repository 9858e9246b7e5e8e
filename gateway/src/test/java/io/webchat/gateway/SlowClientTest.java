package io.webchat.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.webchat.gateway.FakeBackend.Response;
import io.webchat.gateway.RawConnection.Answer;
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
 * A client that is slow to send its request (slowloris) loses its connection once
 * {@code webchat.gateway.request-read-timeout} is up, whether it sends nothing, its headers a byte
 * at a time or not all of its body; a request that is being answered, like a waiting long poll,
 * and a kept-alive connection between requests are not cut by it. The read timeout is 1 s here
 * and the long poll waits 3 s, three times longer, instead of the 25 s a real one may: what the
 * test shows is that no read deadline runs while a response is pending, and 3 s against 1 s shows
 * that as well as 25 s against 5 s.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}",
				"spring.session.data.redis.namespace=webchat-gateway-test:session", "spring.session.timeout=10m",
				"webchat.gateway.request-read-timeout=1s" })
@Import(RedisTestService.class)
class SlowClientTest {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

	/** How long a poll that may wait ({@code timeout=25}) waits at the chat instance here. */
	private static final Duration POLL_WAIT = READ_TIMEOUT.multipliedBy(3);

	/** Past the read timeout, room for a busy machine's scheduling, still well short of never. */
	private static final Duration CUT_WITHIN = READ_TIMEOUT.multipliedBy(4);

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}"));

	static final FakeBackend chatService = FakeBackend.start("chat-service", (request) -> {
		if (request.pathAndQuery().endsWith("timeout=25")) {
			sleep(POLL_WAIT);
			return Response.json("[{\"msg\":\"waited\"}]");
		}
		return Response.json("[]");
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
		accountService.close();
		chatService.close();
	}

	@Test
	void aConnectionThatSendsNothingIsClosedAtTheReadTimeout() throws IOException {
		try (RawConnection silent = new RawConnection(this.port)) {
			Duration took = silent.awaitClosed(READ_TIMEOUT.multipliedBy(10));

			assertThat(took).isBetween(READ_TIMEOUT.minusMillis(200), CUT_WITHIN);
		}
	}

	@Test
	void headersSentAByteAtATimeAreCutAtTheReadTimeoutThoughBytesKeepComing() throws IOException {
		String endlessHead = "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(10_000);
		AtomicInteger sent = new AtomicInteger();
		try (RawConnection slowloris = new RawConnection(this.port)) {
			Thread.ofVirtual().start(() -> {
				try {
					for (char c : endlessHead.toCharArray()) {
						slowloris.send(String.valueOf(c));
						sent.incrementAndGet();
						Thread.sleep(50);
					}
				}
				catch (IOException | InterruptedException ex) {
					// closed by the gateway: what the test waits for
				}
			});

			Duration took = slowloris.awaitClosed(READ_TIMEOUT.multipliedBy(10));

			assertThat(took).isLessThan(CUT_WITHIN);
			assertThat(sent.get()).as("bytes sent before the cut, one every 50 ms").isGreaterThan(10);
		}
	}

	@Test
	void aBodyThatDoesNotAllComeIsCutAtTheReadTimeout() throws IOException {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		String xsrf = alice.xsrfToken().orElseThrow();
		try (RawConnection slowBody = new RawConnection(this.port)) {
			slowBody.send("POST /api/chat/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Cookie: " + BrowserLikeClient.SESSION_COOKIE + "=" + alice.sessionId().orElseThrow() + "; "
					+ BrowserLikeClient.XSRF_COOKIE + "=" + xsrf + "\r\n" + BrowserLikeClient.XSRF_HEADER + ": " + xsrf
					+ "\r\nContent-Length: 100\r\n\r\n{\"to\":2,");

			Duration took = slowBody.awaitEnd(READ_TIMEOUT.multipliedBy(10));

			assertThat(took).isLessThan(CUT_WITHIN);
		}
	}

	@Test
	void aLongPollWaitingPastTheReadTimeoutIsAnsweredAndItsConnectionServesTheNextPoll() throws IOException {
		String session = loggedInSession();
		try (RawConnection page = new RawConnection(this.port)) {
			long start = System.nanoTime();
			page.sendGet("/api/chat/clients/tab-1/events?timeout=25", session);
			Answer waited = page.readAnswer(POLL_WAIT.multipliedBy(3));

			assertThat(waited.status()).isEqualTo(200);
			assertThat(waited.body()).contains("waited");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(POLL_WAIT);

			page.sendGet("/api/chat/clients/tab-1/events?timeout=0", session);
			assertThat(page.readAnswer(READ_TIMEOUT.multipliedBy(5)).status()).as("the next poll, same connection")
				.isEqualTo(200);
		}
	}

	@Test
	void aKeptAliveConnectionIdleLongerThanTheReadTimeoutServesTheNextRequest() throws IOException {
		String session = loggedInSession();
		try (RawConnection page = new RawConnection(this.port)) {
			page.sendGet("/api/chat/clients/tab-2/events?timeout=0", session);
			assertThat(page.readAnswer(READ_TIMEOUT.multipliedBy(5)).status()).isEqualTo(200);

			assertThat(page.isOpenAfter(READ_TIMEOUT.multipliedBy(3))).as("open while idle").isTrue();

			page.sendGet("/api/chat/clients/tab-2/events?timeout=0", session);
			assertThat(page.readAnswer(READ_TIMEOUT.multipliedBy(5)).status()).isEqualTo(200);
		}
	}

	private String loggedInSession() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		return alice.sessionId().orElseThrow();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
