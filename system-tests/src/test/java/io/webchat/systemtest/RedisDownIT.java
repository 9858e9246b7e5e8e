package io.webchat.systemtest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away under every service (their connections reset, new ones refused) and comes
 * back: meanwhile chat calls are refused at once with a 503 to retry, the page still loads, and
 * nothing refused is stored; afterwards everything works again within seconds, without a
 * restart, and every message sent once it is back reaches the recipient once. Redis is given
 * back in any case, so the tests that run later in this JVM find the system whole.
 */
class RedisDownIT extends AliceAndBobLoggedIn {

	/** A refusal may take a Redis command timeout (1 s) and a little more; never a poll's 25 s. */
	private static final Duration REFUSED_WITHIN = Duration.ofMillis(2500);

	@AfterAll
	static void giveRedisBack() {
		if (webchat != null) {
			webchat.restoreRedis();
		}
	}

	@Test
	void whileRedisIsGoneCallsAreRefusedAtOnceAndAfterwardsAllWorksWithoutARestart() {
		ChatClient bobsTab = bob.openClient();
		bobsTab.drainEvents();

		webchat.cutRedis();

		String refusedText = "while Redis is gone " + System.nanoTime();
		refusedAtOnce(() -> alice.postJson("/api/chat/messages",
				GatewayUser.messageJson(bobId, "single", refusedText, "gone-" + System.nanoTime())));
		refusedAtOnce(() -> bob.get("/api/chat/clients/" + bobsTab.id() + "/events?timeout=25"));
		refusedAtOnce(() -> bob.get("/api/chat/unread"));
		assertThat(alice.get("/").statusCode()).as("the page, for a user the gateway knows").isEqualTo(200);

		webchat.restoreRedis();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(alice.get("/api/chat/unread").statusCode()).isEqualTo(200));
		JsonNode sent = alice.sendMessage(bobId, "single", "Redis is back", "back-" + System.nanoTime());
		List<JsonNode> received = bobsTab.awaitMessages(1, Duration.ofSeconds(30));
		assertThat(received).extracting((message) -> message.get("id").asLong()).containsExactly(sent.get("id").asLong());
		assertThat(bob.get("/api/chat/conversations/single:" + aliceId + "/messages").body())
			.as("the refused send was not stored")
			.doesNotContain(refusedText);
		bobsTab.close();
	}

	private static void refusedAtOnce(Supplier<HttpResponse<String>> call) {
		long start = System.nanoTime();
		HttpResponse<String> answer = call.get();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(took).isLessThan(REFUSED_WITHIN);
	}
}
