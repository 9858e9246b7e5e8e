package io.webchat.gateway;

import java.time.Duration;
import java.time.Instant;

import io.webchat.gateway.FakeBackend.Response;
import io.webchat.testsupport.RedisTestService;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway instances on one Redis, each answering logins from its own memory: a session
 * ended on one is refused by the other within a second, and a session in use is read from Redis
 * again, and its expiry moved on, once its cached entry is a touch interval (3 s here) old.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SessionsAcrossGatewaysTest.REDIS,
		SessionsAcrossGatewaysTest.NAMESPACE, SessionsAcrossGatewaysTest.TIMEOUT, SessionsAcrossGatewaysTest.TOUCH })
@Import(RedisTestService.class)
class SessionsAcrossGatewaysTest {

	static final String REDIS = "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}";

	static final String NAMESPACE = "spring.session.data.redis.namespace=webchat-gateway-test:session";

	static final String TIMEOUT = "spring.session.timeout=10m";

	static final String TOUCH = "webchat.gateway.session-touch-interval=3s";

	static final Duration TOUCH_INTERVAL = Duration.ofSeconds(3);

	static final FakeBackend accountService = FakeBackend.start("account-service",
			(request) -> request.path().equals("/internal/credentials/check")
					? Response.json("{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}")
					: Response.json("{\"changed\":true}"));

	static final FakeBackend chatService = FakeBackend.start("chat-service", (request) -> Response.json("{}"));

	static ConfigurableApplicationContext otherGateway;

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls", chatService::url);
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ReactiveSessionRepository<? extends Session> sessions;

	/** A second gateway in this JVM, configured like the first and on the same Redis. */
	@BeforeAll
	static void startTheOtherGateway(@Autowired DataRedisConnectionDetails redis) {
		DataRedisConnectionDetails.Standalone standalone = redis.getStandalone();
		// arguments, not default properties: those would lose to the gateway's application.properties
		otherGateway = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--spring.data.redis.url=redis://" + standalone.getHost() + ":" + standalone.getPort() + "/"
						+ standalone.getDatabase(),
				"--" + NAMESPACE, "--" + TIMEOUT, "--" + TOUCH, "--webchat.gateway.account-service-url=" + accountService.url(),
				"--webchat.gateway.chat-service-urls=" + chatService.url(),
				"--webchat.identity-token.private-key-location=" + TestIdentityKeys.TRUSTED.privateKey().toUri(),
				"--webchat.identity-token.public-key-location=" + TestIdentityKeys.TRUSTED.publicKey().toUri(),
				"--webchat.identity-token.issuer=" + TestIdentityKeys.ISSUER);
	}

	@AfterAll
	static void stopAll() {
		if (otherGateway != null) {
			otherGateway.close();
		}
		accountService.close();
		chatService.close();
	}

	private BrowserLikeClient loggedInHere() {
		BrowserLikeClient alice = new BrowserLikeClient(this.port);
		assertThat(alice.logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		return alice;
	}

	/** The same browser, its cookies, talking to the other gateway. */
	private static BrowserLikeClient atTheOtherGateway(BrowserLikeClient client) {
		return client.at(((WebServerApplicationContext) otherGateway).getWebServer().getPort());
	}

	@Test
	void aLoginOnOneGatewayIsServedByTheOther() {
		BrowserLikeClient alice = loggedInHere();

		assertThat(atTheOtherGateway(alice).get("/api/chat/unread").statusCode()).isEqualTo(200);
	}

	@Test
	void aLogoutOnOneGatewayEndsTheSessionOnTheOtherWithinASecond() {
		BrowserLikeClient alice = loggedInHere();
		BrowserLikeClient aliceThere = atTheOtherGateway(alice);
		assertThat(aliceThere.get("/api/chat/unread").statusCode()).as("cached at the other gateway").isEqualTo(200);

		assertThat(alice.postWithXsrfHeaderAndNoBody("/logout").statusCode()).isEqualTo(302);

		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> aliceThere.get("/api/chat/unread").statusCode() == 401);
	}

	@Test
	void aPasswordChangeOnOneGatewayEndsEverySessionOnTheOtherWithinASecond() {
		BrowserLikeClient laptop = loggedInHere();
		BrowserLikeClient phoneThere = atTheOtherGateway(loggedInHere());
		assertThat(phoneThere.get("/api/chat/unread").statusCode()).isEqualTo(200);

		assertThat(laptop.putJsonWithXsrfHeader("/api/accounts/me/password",
				"{\"currentPassword\":\"alice-secret\",\"newPassword\":\"new-secret\"}").statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> phoneThere.get("/api/chat/unread").statusCode() == 401);
	}

	@Test
	void aSessionInUseIsReadAgainAndItsExpiryMovedOnOnceItsCacheEntryIsATouchIntervalOld() {
		BrowserLikeClient alice = loggedInHere();
		String sessionKey = "webchat-gateway-test:session:sessions:" + alice.sessionId().orElseThrow();
		Instant accessAtLogin = sessions.findById(alice.sessionId().orElseThrow()).block().getLastAccessedTime();
		redis.expire(sessionKey, Duration.ofMinutes(5));

		assertThat(alice.get("/api/chat/unread").statusCode()).isEqualTo(200);
		assertThat(redis.getExpire(sessionKey)).as("within the interval: not touched").isLessThanOrEqualTo(300L);

		// the page keeps calling; once the cached login is a touch interval old, a call reads it again
		await().atMost(TOUCH_INTERVAL.plusSeconds(3)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			assertThat(alice.get("/api/chat/unread").statusCode()).isEqualTo(200);
			assertThat(redis.getExpire(sessionKey)).as("moved on to the full timeout").isGreaterThan(540L);
			assertThat(sessions.findById(alice.sessionId().orElseThrow()).block().getLastAccessedTime())
				.isAfter(accessAtLogin);
		});
	}

	@Test
	void aSessionGoneFromRedisWithoutNoticeIsRefusedOnceItsCacheEntryIsATouchIntervalOld() {
		BrowserLikeClient alice = loggedInHere();
		assertThat(alice.get("/api/chat/unread").statusCode()).isEqualTo(200);

		// as when Redis expires it, or an operator deletes it
		redis.delete("webchat-gateway-test:session:sessions:" + alice.sessionId().orElseThrow());

		await().atMost(TOUCH_INTERVAL.plusSeconds(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> alice.get("/api/chat/unread").statusCode() == 401);
	}
}
