package io.webchat.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Past {@code webchat.gateway.max-connections} open connections the gateway closes the next one as
 * soon as it is accepted, and serves new connections again as soon as others close.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}",
				"spring.session.data.redis.namespace=webchat-gateway-test:session", "spring.session.timeout=10m",
				"webchat.gateway.max-connections=" + ConnectionLimitTest.MAX_CONNECTIONS,
				// the held connections send nothing; they must outlive the test, not be cut as slow
				"webchat.gateway.request-read-timeout=60s" })
@Import(RedisTestService.class)
class ConnectionLimitTest {

	static final int MAX_CONNECTIONS = 4;

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}"));

	static final FakeBackend chatService = FakeBackend.start("chat-service", (request) -> Response.json("[]"));

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
	void aConnectionPastTheBoundIsClosedAtOnceAndAUserIsServedOnceOthersClose() throws IOException {
		List<RawConnection> held = new ArrayList<>();
		try {
			for (int i = 0; i < MAX_CONNECTIONS; i++) {
				held.add(new RawConnection(this.port));
			}
			try (RawConnection oneTooMany = new RawConnection(this.port)) {
				assertThat(oneTooMany.awaitClosed(Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(1));
			}
			for (RawConnection connection : held) {
				assertThat(connection.isOpenAfter(Duration.ofMillis(100))).as("a connection within the bound").isTrue();
			}
			BrowserLikeClient alice = new BrowserLikeClient(this.port);
			assertThatExceptionOfType(UncheckedIOException.class).as("a user past the bound")
				.isThrownBy(() -> alice.get("/login"));

			held.removeFirst().close();
			held.removeFirst().close();

			await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
				.until(() -> alice.logIn("alice", "alice-secret").statusCode() == 302);
			assertThat(alice.get("/api/chat/clients/abc/events?timeout=0").statusCode()).as("a chat call")
				.isEqualTo(200);
		}
		finally {
			held.forEach(RawConnection::close);
		}
	}
}
