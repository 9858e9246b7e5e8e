package io.webchat.chat.delivery;

import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.testsupport.RedisTestService;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing grows without bound: tiny limits show what happens at each cap. */
@Import(RedisTestService.class)
@TestPropertySource(properties = { "webchat.chat.delivery.inbox-cap=3", "webchat.chat.delivery.max-batch=2",
		"webchat.chat.conversation.history-cap=5", "webchat.chat.message.max-sends-per-window=10",
		"webchat.chat.message.send-window=1m",
		"webchat.chat.message.max-length=20" })
class SmallLimitsTests extends ChatServiceIntegrationTest {

	@Test
	void aClientThatFellTooFarBehindIsToldToResyncAndThenCarriesOn() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		for (int i = 1; i <= 4; i++) {
			sendText(alice, bob, "m" + i);
		}

		Batch overflowed = poll(bobsPage, null, 0);
		// the answer is lost: the resync is answered again until acknowledged
		Batch again = poll(bobsPage, null, 0);
		sendText(alice, bob, "after the resync");
		Batch next = poll(bobsPage, again.batchId(), 0);

		assertThat(overflowed.resync()).isTrue();
		assertThat(overflowed.events()).isEmpty();
		assertThat(again.resync()).isTrue();
		assertThat(again.batchId()).isEqualTo(overflowed.batchId());
		assertThat(next.resync()).isFalse();
		assertThat(next.texts()).containsExactly("after the resync");
	}

	@Test
	void aPollHandsOutAtMostOneBatchAtATime() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		for (int i = 1; i <= 3; i++) {
			sendText(alice, bob, "m" + i);
		}

		Batch first = poll(bobsPage, null, 0);
		Batch second = poll(bobsPage, first.batchId(), 0);

		assertThat(first.texts()).containsExactly("m1", "m2");
		assertThat(second.texts()).containsExactly("m3");
	}

	@Test
	void historyKeepsOnlyTheNewestMessagesUpToItsCap() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		for (int i = 1; i <= 8; i++) {
			sendText(alice, bob, "m" + i);
		}

		assertThat(historyOf(bob, "single:" + alice)).containsExactly("m4", "m5", "m6", "m7", "m8");
	}

	@Test
	void aUserSendingFasterThanTheLimitIsToldToWait() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		for (int i = 1; i <= 10; i++) {
			assertThat(sendText(alice, bob, "m" + i).getStatusCode().value()).isEqualTo(201);
		}

		var refused = sendText(alice, bob, "one too many");

		assertThat(refused.getStatusCode().value()).isEqualTo(429);
		assertThat(Integer.parseInt(refused.getHeaders().getFirst("Retry-After"))).isBetween(1, 60);
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(refused.getBody(), "$.type"))
			.isEqualTo("urn:webchat:problem:send-rate-exceeded");
		assertThat(historyOf(bob, "single:" + alice)).hasSize(5).doesNotContain("one too many");
	}

	@Test
	void aSendCounterThatLostItsExpiryGetsOneAgain() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		sendText(alice, bob, "m1");
		this.redis.sync().persist(io.webchat.chat.redis.ChatKeys.sendCount(alice));

		sendText(alice, bob, "m2");

		assertThat(this.redis.sync().pttl(io.webchat.chat.redis.ChatKeys.sendCount(alice))).isBetween(1L, 60_000L);
	}

	@Test
	void aMessageLongerThanTheConfiguredLimitIsRefused() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);

		var refused = sendText(alice, bob, "x".repeat(21));

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(com.jayway.jsonpath.JsonPath.<java.util.List<String>>read(refused.getBody(), "$.errors[*].field"))
			.containsExactly("msg");
		// emoji count as one character each
		assertThat(sendText(alice, bob, "😀".repeat(20)).getStatusCode().value()).isEqualTo(201);
	}
}
