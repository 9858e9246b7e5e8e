package io.webchat.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import io.webchat.gateway.FakeBackend.Response;
import io.webchat.testsupport.RedisServerProcess;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis, which holds the sessions, the login throttle and the sign-up counts, killed under a
 * running gateway and started again: users logged in before go on chatting, a new login or
 * sign-up is refused at once with a 503 to retry, the login page still loads, and logins work
 * again once Redis is back, without a restart.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.session.data.redis.namespace=webchat-gateway-outage-test:session",
				"spring.session.timeout=10m" })
class RedisOutageTest {

	private static final Duration REFUSED_WITHIN = Duration.ofSeconds(2);

	static final RedisServerProcess redisServer = RedisServerProcess.start();

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}"));

	static final FakeBackend chatService = FakeBackend.start("chat-service", (request) -> Response.json("{}"));

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redisServer::url);
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls", chatService::url);
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stop() {
		accountService.close();
		chatService.close();
	}

	@Test
	void loggedInUsersChatOnNewLoginsWaitForRedisAndNothingHangs() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);

		redisServer.kill();

		assertThat(alice.get("/api/chat/clients/abc/events?timeout=0").statusCode()).isEqualTo(200);
		assertThat(alice.postJsonWithXsrfHeader("/api/chat/messages", "{\"to\":2,\"type\":\"single\",\"msg\":\"hi\"}")
			.statusCode()).isEqualTo(200);
		BrowserLikeClient newcomer = new BrowserLikeClient(this.port);
		assertThat(newcomer.get("/login").statusCode()).isEqualTo(200);
		HttpResponse<String> login = refusedAtOnce(() -> newcomer.postJsonWithoutXsrfHeader("/api/session",
				"{\"username\":\"alice\",\"password\":\"alice-secret\"}"));
		assertThat(login.body()).contains("urn:webchat:problem:login-unavailable");
		BrowserLikeClient visitor = new BrowserLikeClient(this.port);
		assertThat(visitor.get("/register").statusCode()).isEqualTo(200);
		HttpResponse<String> signUp = refusedAtOnce(() -> visitor.postJsonWithXsrfHeader("/api/accounts/users",
				"{\"username\":\"newcomer\",\"displayName\":\"New\",\"password\":\"new-secret\"}"));
		assertThat(signUp.body()).contains("urn:webchat:problem:registration-unavailable");
		assertThat(accountService.requestsTo("/api/accounts/users")).as("sign-ups forwarded uncounted").isEmpty();
		BrowserLikeClient strangerWithACookie = new BrowserLikeClient(this.port);
		strangerWithACookie.plantSessionCookie("bm90LWtub3duLWhlcmU");
		refusedAtOnce(() -> strangerWithACookie.get("/api/chat/unread"));

		redisServer.startAgain();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(new BrowserLikeClient(this.port).postJsonWithoutXsrfHeader("/api/session",
					"{\"username\":\"alice\",\"password\":\"alice-secret\"}")
				.statusCode()).isEqualTo(200));
	}

	private static HttpResponse<String> refusedAtOnce(Supplier<HttpResponse<String>> call) {
		long start = System.nanoTime();
		HttpResponse<String> answer = call.get();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(took).isLessThan(REFUSED_WITHIN);
		return answer;
	}
}
