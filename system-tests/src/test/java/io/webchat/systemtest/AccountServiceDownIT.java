package io.webchat.systemtest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * account-service dies (kill -9): users already logged in go on chatting — send, receive, read
 * history and unread counts — because chat-service answers from Redis; a new login and the
 * account API answer a 503 to retry, at once; and once account-service is started again, logins
 * work without touching anything else. It is started again afterwards in any case, so the tests
 * that run later in this JVM find the system whole.
 */
class AccountServiceDownIT extends AliceAndBobLoggedIn {

	@AfterAll
	static void startItAgain() {
		if (webchat != null) {
			webchat.restartAccountService();
		}
	}

	@Test
	void loggedInUsersChatOnAndLoginsWaitUntilItIsBack() {
		ChatClient bobsTab = bob.openClient();
		bobsTab.drainEvents();

		webchat.killAccountService();

		JsonNode sent = alice.sendMessage(bobId, "single", "while accounts are down", "down-" + System.nanoTime());
		List<JsonNode> received = bobsTab.awaitMessages(1, Duration.ofSeconds(30));
		assertThat(received).extracting((message) -> message.get("id").asLong()).containsExactly(sent.get("id").asLong());
		assertThat(bob.get("/api/chat/conversations/single:" + aliceId + "/messages").statusCode()).isEqualTo(200);
		assertThat(bob.get("/api/chat/unread").statusCode()).isEqualTo(200);

		assertRetryLater(alice.get("/api/accounts/me"));
		assertRetryLater(GatewayUser.anonymous(webchat.gatewayUrl()).postJsonWithoutCsrfHeader("/api/session",
				"{\"username\":\"carol\",\"password\":\"carol-secret\"}"));

		webchat.restartAccountService();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(GatewayUser.anonymous(webchat.gatewayUrl())
				.postJsonWithoutCsrfHeader("/api/session", "{\"username\":\"carol\",\"password\":\"carol-secret\"}")
				.statusCode()).isEqualTo(200));
		assertThat(alice.get("/api/accounts/me").statusCode()).isEqualTo(200);
		bobsTab.close();
	}

	private static void assertRetryLater(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}
}
