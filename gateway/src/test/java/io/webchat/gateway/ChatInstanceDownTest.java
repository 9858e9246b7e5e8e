package io.webchat.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

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
 * One of two chat-service instances is gone (killed, not yet removed from the list): polls and
 * other calls that may run twice go to the other one; a send that hit the dead one is a 503 the
 * page retries, never a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}",
				"spring.session.data.redis.namespace=webchat-gateway-test:session", "spring.session.timeout=10m" })
@Import(RedisTestService.class)
class ChatInstanceDownTest {

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}"));

	static final FakeBackend liveChatService = FakeBackend.start("chat-service-live",
			(request) -> Response.json("{\"instance\":\"live\"}"));

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls",
				() -> liveChatService.url() + ",http://localhost:" + portWithNobodyListening());
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopBackends() {
		accountService.close();
		liveChatService.close();
	}

	@Test
	void pollsAreAnsweredByTheInstanceThatIsStillThere() {
		BrowserLikeClient alice = loggedIn();

		List<Integer> statuses = IntStream.range(0, 6)
			.mapToObj((i) -> alice.get("/api/chat/clients/abc/events?timeout=0").statusCode())
			.toList();

		assertThat(statuses).containsOnly(200);
	}

	@Test
	void aSendThatReachedNoInstanceIsA503ToRetryNotA500() {
		BrowserLikeClient alice = loggedIn();

		List<HttpResponse<String>> sends = IntStream.range(0, 4)
			.mapToObj((i) -> alice.postJsonWithXsrfHeader("/api/chat/messages", "{\"to\":2,\"type\":\"single\",\"msg\":\"hi\"}"))
			.toList();

		assertThat(sends).extracting(HttpResponse::statusCode).containsOnly(200, 503).contains(503);
		assertThat(sends).filteredOn((send) -> send.statusCode() == 503)
			.allSatisfy((send) -> {
				assertThat(send.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(send.headers().firstValue("Retry-After")).isPresent();
			});
	}

	private BrowserLikeClient loggedIn() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		return alice;
	}

	private static int portWithNobodyListening() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
