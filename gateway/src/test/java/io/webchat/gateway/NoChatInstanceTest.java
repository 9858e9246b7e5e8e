package io.webchat.gateway;

import java.net.http.HttpResponse;

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

/** No chat-service instance is there at all: calls are a 503 to retry, at once, never a 500. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}",
				"spring.session.data.redis.namespace=webchat-gateway-test:session", "spring.session.timeout=10m" })
@Import(RedisTestService.class)
class NoChatInstanceTest {

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}"));

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls",
				() -> "http://localhost:" + FakeBackend.portWithNobodyListening() + ",http://localhost:" + FakeBackend.portWithNobodyListening());
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopBackends() {
		accountService.close();
	}

	@Test
	void sendsAndPollsAreA503WithRetryAfterAtOnce() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);

		long start = System.nanoTime();
		HttpResponse<String> send = alice.postJsonWithXsrfHeader("/api/chat/messages",
				"{\"to\":2,\"type\":\"single\",\"msg\":\"hi\"}");
		HttpResponse<String> poll = alice.get("/api/chat/clients/abc/events?timeout=25");
		long millis = (System.nanoTime() - start) / 1_000_000;

		for (HttpResponse<String> answer : java.util.List.of(send, poll)) {
			assertThat(answer.statusCode()).isEqualTo(503);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			assertThat(answer.body()).contains("urn:webchat:problem:service-unavailable");
		}
		assertThat(millis).as("both answers, in ms").isLessThan(2000);
	}
}
