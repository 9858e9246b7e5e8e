package io.webchat.chat;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import io.lettuce.core.api.StatefulRedisConnection;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.RedisTestService;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * chat-service on a real port against a real Redis. The relations read model that
 * account-service maintains is written here directly, in the layout both services share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(RedisTestService.class)
public abstract class ChatServiceIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	protected StatefulRedisConnection<String, String> redis;

	protected RestClient http;

	@DynamicPropertySource
	static void trustTheTestKeys(DynamicPropertyRegistry registry) {
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@BeforeEach
	void httpClient() {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/** A user id no earlier run used: Redis keeps inboxes between runs. */
	protected static long newUserId() {
		return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
	}

	protected void givenFriends(long userId, long otherUserId) {
		this.redis.sync().sadd("relations:{user:" + userId + "}:friends", Long.toString(otherUserId));
		this.redis.sync().sadd("relations:{user:" + otherUserId + "}:friends", Long.toString(userId));
	}

	protected void givenGroup(long groupId, long... memberIds) {
		this.redis.sync()
			.sadd("relations:{group:" + groupId + "}:members",
					Arrays.stream(memberIds).mapToObj(Long::toString).toArray(String[]::new));
	}

	protected long inboxLength(long userId) {
		return this.redis.sync().llen("chat:inbox:{user:" + userId + "}");
	}

	protected static String bearer(long userId) {
		return "Bearer " + TestIdentityKeys.TRUSTED.issuer()
			.issueForUser(userId, "user" + userId, IdentityTokenClaims.CHAT_SERVICE);
	}

	protected RestClient.ResponseSpec send(long senderId, String json) {
		return this.http.post()
			.uri("/api/chat/messages")
			.header("Authorization", bearer(senderId))
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve();
	}

	protected RestClient.ResponseSpec poll(long userId, int timeoutSeconds) {
		return this.http.get()
			.uri("/api/chat/inbox?timeout={timeout}", timeoutSeconds)
			.header("Authorization", bearer(userId))
			.retrieve();
	}
}
