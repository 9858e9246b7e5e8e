package io.webchat.chat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * chat-service on a real port against a real Redis, called over HTTP as the gateway would. The
 * relations read model that account-service maintains is written here directly, in the layout
 * both services share. Concrete tests say which Redis: {@code @Import(RedisTestService.class)}
 * for a single server, or a cluster of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ChatServiceIntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected ChatRedis redis;

	protected RestClient http;

	@DynamicPropertySource
	static void trustTheTestKeys(DynamicPropertyRegistry registry) {
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@BeforeEach
	void httpClient() {
		// HTTP/1.1 from the first request on, as the gateway speaks to chat-service: the JDK
		// client's default would open each connection with an h2c upgrade the server ignores
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build());
		// far longer than any poll a test makes: a request never answered fails its test
		// instead of holding the build
		requests.setReadTimeout(java.time.Duration.ofSeconds(60));
		this.http = RestClient.builder()
			// the JDK's client, whatever RestClient would pick from the classpath: it returns
			// every answer, including a refusal sent before the request body was read (401)
			.requestFactory(requests)
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/** A user id no earlier run used: Redis keeps its data between runs. */
	protected static long newUserId() {
		return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
	}

	protected void givenFriends(long userId, long otherUserId) {
		this.redis.sync().sadd(ChatKeys.friends(userId), Long.toString(otherUserId));
		this.redis.sync().sadd(ChatKeys.friends(otherUserId), Long.toString(userId));
	}

	protected void givenGroup(long groupId, long... memberIds) {
		this.redis.sync()
			.sadd(ChatKeys.groupMembers(groupId), Arrays.stream(memberIds).mapToObj(Long::toString).toArray(String[]::new));
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

	protected ResponseEntity<String> sendText(long senderId, long to, String text) {
		return send(senderId, "{\"to\": %d, \"type\": \"single\", \"msg\": \"%s\"}".formatted(to, text))
			.toEntity(String.class);
	}

	/** Registers a client (an open page) of the user. */
	protected Client register(long userId) {
		ResponseEntity<String> registered = this.http.post()
			.uri("/api/chat/clients")
			.header("Authorization", bearer(userId))
			.retrieve()
			.toEntity(String.class);
		assertThat(registered.getStatusCode().value()).isEqualTo(201);
		return new Client(userId, JsonPath.read(registered.getBody(), "$.clientId"), registered.getBody());
	}

	protected Batch poll(Client client, String ack, int timeoutSeconds) {
		ResponseEntity<String> answer = this.http.get()
			.uri("/api/chat/clients/{id}/events?timeout={timeout}&ack={ack}", client.id(), timeoutSeconds,
					(ack != null) ? ack : "")
			.header("Authorization", bearer(client.userId()))
			.retrieve()
			.toEntity(String.class);
		return Batch.of(answer);
	}

	/** Polls and acknowledges until {@code count} messages arrived or a poll comes back empty. */
	protected List<String> receiveTexts(Client client, int count) {
		List<String> texts = new java.util.ArrayList<>();
		String ack = null;
		for (int polls = 0; polls < count + 5 && texts.size() < count; polls++) {
			Batch batch = poll(client, ack, 5);
			if (batch.events().isEmpty()) {
				break;
			}
			texts.addAll(batch.texts());
			ack = batch.batchId();
		}
		poll(client, ack, 0);
		return texts;
	}

	/** The texts of a conversation's latest history page, oldest first, as {@code viewerId} reads it. */
	protected List<String> historyOf(long viewerId, String conversation) {
		String page = this.http.get()
			.uri("/api/chat/conversations/{conversation}/messages", conversation)
			.header("Authorization", bearer(viewerId))
			.retrieve()
			.body(String.class);
		return JsonPath.read(page, "$.messages[*].msg");
	}

	protected static <T> T join(java.util.concurrent.Future<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	protected record Client(long userId, String id, String registration) {
	}

	protected record Batch(int status, String batchId, List<Map<String, Object>> events, boolean resync, String body) {

		static Batch of(ResponseEntity<String> answer) {
			String body = answer.getBody();
			if (answer.getStatusCode().value() != 200) {
				return new Batch(answer.getStatusCode().value(), null, List.of(), false, body);
			}
			return new Batch(200, JsonPath.read(body, "$.batchId"), JsonPath.read(body, "$.events"),
					JsonPath.read(body, "$.resync"), body);
		}

		@SuppressWarnings("unchecked")
		public List<Map<String, Object>> messages() {
			return this.events.stream()
				.filter((event) -> "message".equals(event.get("type")))
				.map((event) -> (Map<String, Object>) event.get("message"))
				.toList();
		}

		public List<String> texts() {
			return messages().stream().map((message) -> (String) message.get("msg")).toList();
		}
	}
}
