package io.webchat.gateway;

import java.time.Duration;
import java.util.ArrayList;
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
import static org.awaitility.Awaitility.await;

/**
 * chat-service instances that are gone (killed, not yet removed from the configured list) cost
 * users nothing: every call lands on an instance that is there, sends and registrations
 * included, and an instance that comes back gets its share again.
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

	/** Up when the test starts; killed and started again on the same port by it. */
	static FakeBackend mortalChatService = FakeBackend.start("chat-service-mortal",
			(request) -> Response.json("{\"instance\":\"mortal\"}"));

	static final int deadPort = FakeBackend.portWithNobodyListening();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls", () -> liveChatService.url() + ","
				+ mortalChatService.url() + ",http://localhost:" + deadPort);
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopBackends() {
		accountService.close();
		liveChatService.close();
		mortalChatService.close();
	}

	@Test
	void anInstanceThatDiesCostsNoCallAndGetsItsShareAgainWhenItComesBack() {
		BrowserLikeClient alice = loggedIn();
		assertThat(everyKindOfCall(alice)).containsOnly(200);
		assertThat(mortalChatService.requests()).isNotEmpty();

		// killed: a call that still picks it finds the connection refused and is tried elsewhere
		int mortalPort = mortalChatService.port();
		mortalChatService.close();
		assertThat(everyKindOfCall(alice)).as("calls right after the kill").containsOnly(200);

		// every call is answered by the live instance, once each
		liveChatService.forgetRequests();
		assertThat(everyKindOfCall(alice)).containsOnly(200);
		assertThat(liveChatService.requests()).hasSize(12);

		mortalChatService = FakeBackend.startOn(mortalPort, "chat-service-mortal",
				(request) -> Response.json("{\"instance\":\"mortal again\"}"));
		// tried again once its rest is over, and answering, back in the rotation
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(everyKindOfCall(alice)).containsOnly(200);
			assertThat(mortalChatService.requests()).isNotEmpty();
		});
	}

	/** Four polls, four sends and four registrations, in turn; their statuses. */
	private static List<Integer> everyKindOfCall(BrowserLikeClient alice) {
		List<Integer> statuses = new ArrayList<>();
		IntStream.range(0, 4).forEach((i) -> {
			statuses.add(alice.get("/api/chat/clients/abc/events?timeout=0").statusCode());
			statuses.add(alice.postJsonWithXsrfHeader("/api/chat/messages",
					"{\"to\":2,\"type\":\"single\",\"msg\":\"hi\",\"clientMessageId\":\"m-" + i + "\"}")
				.statusCode());
			statuses.add(alice.postJsonWithXsrfHeader("/api/chat/clients", "{}").statusCode());
		});
		return statuses;
	}

	private BrowserLikeClient loggedIn() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		return alice;
	}
}
