package io.webchat.chat.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import com.jayway.jsonpath.JsonPath;
import io.webchat.chat.ChatServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class SendingTests extends ChatServiceIntegrationTest {

	@Test
	void deliversToAFriendWithIdSenderAndTimeSetByTheServer() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);

		ResponseEntity<String> sent = send(alice, """
				{"to": %d, "type": "single", "msg": "hello", "from": 999, "id": 7, "timestamp": "2000-01-01T00:00:00Z"}"""
			.formatted(bob)).toEntity(String.class);

		assertThat(sent.getStatusCode().value()).isEqualTo(201);
		String body = sent.getBody();
		assertThat(JsonPath.<Number>read(body, "$.from").longValue()).isEqualTo(alice);
		assertThat(JsonPath.<Number>read(body, "$.id").longValue()).isNotEqualTo(7);
		assertThat(Instant.parse(JsonPath.read(body, "$.timestamp"))).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
		String received = poll(bob, 0).body(String.class);
		assertThat(JsonPath.<List<String>>read(received, "$.messages[*].msg")).containsExactly("hello");
		assertThat(JsonPath.<Number>read(received, "$.messages[0].from").longValue()).isEqualTo(alice);
		assertThat(JsonPath.<Number>read(received, "$.messages[0].id").longValue())
			.isEqualTo(JsonPath.<Number>read(body, "$.id").longValue());
	}

	@Test
	void treatsARecipientIdSentAsTextAsTheSameInbox() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);

		send(alice, """
				{"to": "%d", "type": "single", "msg": "as text"}""".formatted(bob)).toBodilessEntity();
		send(alice, """
				{"to": %d, "type": "single", "msg": "as number"}""".formatted(bob)).toBodilessEntity();

		assertThat(JsonPath.<List<String>>read(poll(bob, 0).body(String.class), "$.messages[*].msg"))
			.containsExactly("as text", "as number");
	}

	@Test
	void refusesAMessageToSomeoneWhoIsNotAFriendAndStoresNothing() {
		long alice = newUserId();
		long stranger = newUserId();

		ResponseEntity<String> refused = send(alice, """
				{"to": %d, "type": "single", "msg": "hi"}""".formatted(stranger)).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo("urn:webchat:problem:not-a-friend");
		assertThat(inboxLength(stranger)).isZero();
	}

	@Test
	void removingAFriendTakesEffectForTheVeryNextMessage() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		assertThat(send(alice, single(bob, "before")).toBodilessEntity().getStatusCode().value()).isEqualTo(201);

		this.redis.sync().srem("relations:{user:" + alice + "}:friends", Long.toString(bob));

		assertThat(send(alice, single(bob, "after")).toBodilessEntity().getStatusCode().value()).isEqualTo(403);
		assertThat(inboxLength(bob)).isEqualTo(1);
	}

	@Test
	void fansAGroupMessageOutToEveryOtherMember() {
		long sender = newUserId();
		long[] others = { newUserId(), newUserId(), newUserId() };
		long group = newUserId();
		givenGroup(group, sender, others[0], others[1], others[2]);

		ResponseEntity<String> sent = send(sender, """
				{"to": %d, "type": "group", "msg": "hi all"}""".formatted(group)).toEntity(String.class);

		assertThat(sent.getStatusCode().value()).isEqualTo(201);
		assertThat(JsonPath.<String>read(sent.getBody(), "$.type")).isEqualTo("group");
		for (long member : others) {
			String received = poll(member, 0).body(String.class);
			assertThat(JsonPath.<List<String>>read(received, "$.messages[*].msg")).containsExactly("hi all");
			assertThat(JsonPath.<Number>read(received, "$.messages[0].to").longValue()).isEqualTo(group);
		}
		assertThat(inboxLength(sender)).isZero();
	}

	@Test
	void fansOutToAThousandMembers() {
		long sender = newUserId();
		long group = newUserId();
		long[] members = LongStream.concat(LongStream.of(sender), LongStream.range(0, 999).map((i) -> newUserId()))
			.toArray();
		givenGroup(group, members);

		assertThat(send(sender, """
				{"to": %d, "type": "group", "msg": "to a crowd"}""".formatted(group)).toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201);

		assertThat(LongStream.of(members).skip(1).map(this::inboxLength)).containsOnly(1L);
	}

	@Test
	void refusesAGroupMessageFromSomeoneOutsideTheGroup() {
		long outsider = newUserId();
		long member = newUserId();
		long group = newUserId();
		givenGroup(group, member);

		ResponseEntity<String> refused = send(outsider, """
				{"to": %d, "type": "group", "msg": "let me in"}""".formatted(group)).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo("urn:webchat:problem:not-a-group-member");
		assertThat(inboxLength(member)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"to\": \"abc\", \"type\": \"single\", \"msg\": \"x\"}",
			"{\"to\": %d, \"type\": \"broadcast\", \"msg\": \"x\"}", "{\"to\": %d, \"type\": \"single\"}",
			"{\"to\": %d, \"type\": \"single\", \"msg\": \"   \"}", "{\"to\": -1, \"type\": \"single\", \"msg\": \"x\"}",
			"{\"to\": %d, \"type\": \"single\", \"msg\": \"x\", \"priority\": 1}", "[{\"to\": %d}]", "{\"to\": %d,",
			"" })
	void refusesMalformedRequestsWithAProblemAndDeliversNothing(String template) {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);

		ResponseEntity<String> refused = send(alice, template.formatted(bob)).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(inboxLength(bob)).isZero();
	}

	@Test
	void refusesATextLongerThanFourThousandCharacters() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);

		ResponseEntity<String> refused = send(alice, single(bob, "x".repeat(4001))).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(JsonPath.<List<String>>read(refused.getBody(), "$.errors[*].field")).containsExactly("msg");
		assertThat(send(alice, single(bob, "x".repeat(4000))).toBodilessEntity().getStatusCode().value()).isEqualTo(201);
	}

	@Test
	void deliversHtmlAndScriptLookingTextVerbatim() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		String payload = "<img src=x onerror=alert(1)> '; DROP TABLE users; --";

		send(alice, "{\"to\": %d, \"type\": \"single\", \"msg\": %s}".formatted(bob,
				"\"" + payload.replace("\"", "\\\"") + "\"")).toBodilessEntity();

		assertThat(JsonPath.<String>read(poll(bob, 0).body(String.class), "$.messages[0].msg")).isEqualTo(payload);
	}

	private static String single(long to, String msg) {
		return "{\"to\": %d, \"type\": \"single\", \"msg\": \"%s\"}".formatted(to, msg);
	}
}
