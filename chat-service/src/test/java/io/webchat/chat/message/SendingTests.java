package io.webchat.chat.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import com.jayway.jsonpath.JsonPath;
import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.testsupport.RedisTestService;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

@Import(RedisTestService.class)
class SendingTests extends ChatServiceIntegrationTest {

	@Test
	void deliversToAFriendWithIdSenderAndTimeSetByTheServer() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);

		ResponseEntity<String> sent = send(alice, """
				{"to": %d, "type": "single", "msg": "hello", "from": 999, "id": 7, "seq": 9, "timestamp": "2000-01-01T00:00:00Z"}"""
			.formatted(bob)).toEntity(String.class);

		assertThat(sent.getStatusCode().value()).isEqualTo(201);
		String body = sent.getBody();
		assertThat(JsonPath.<Number>read(body, "$.from").longValue()).isEqualTo(alice);
		assertThat(JsonPath.<Number>read(body, "$.id").longValue()).isNotEqualTo(7);
		assertThat(Instant.parse(JsonPath.read(body, "$.timestamp"))).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
		assertThat(JsonPath.<Number>read(body, "$.seq").longValue()).isEqualTo(1);
		List<Map<String, Object>> received = poll(bobsPage, null, 0).messages();
		assertThat(received).singleElement().satisfies((message) -> {
			assertThat(message.get("msg")).isEqualTo("hello");
			assertThat(((Number) message.get("from")).longValue()).isEqualTo(alice);
			assertThat(((Number) message.get("id")).longValue()).isEqualTo(JsonPath.<Number>read(body, "$.id").longValue());
		});
	}

	@Test
	void refusesAMessageToSomeoneWhoIsNotAFriendAndStoresNothing() {
		long alice = newUserId();
		long stranger = newUserId();
		Client strangersPage = register(stranger);

		ResponseEntity<String> refused = send(alice, """
				{"to": %d, "type": "single", "msg": "hi"}""".formatted(stranger)).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo("urn:webchat:problem:not-a-friend");
		assertThat(poll(strangersPage, null, 0).events()).isEmpty();
		assertThat(historyOf(stranger, "single:" + alice)).isEmpty();
	}

	@Test
	void removingAFriendTakesEffectForTheVeryNextMessage() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		assertThat(send(alice, single(bob, "before")).toBodilessEntity().getStatusCode().value()).isEqualTo(201);

		this.redis.sync().srem(ChatKeys.friends(alice), Long.toString(bob));

		assertThat(send(alice, single(bob, "after")).toBodilessEntity().getStatusCode().value()).isEqualTo(403);
		assertThat(historyOf(bob, "single:" + alice)).containsExactly("before");
	}

	@Test
	void fansAGroupMessageOutToEveryOtherMember() {
		long sender = newUserId();
		long[] others = { newUserId(), newUserId(), newUserId() };
		long group = newUserId();
		givenGroup(group, sender, others[0], others[1], others[2]);
		List<Client> pages = LongStream.of(others).mapToObj(this::register).toList();

		ResponseEntity<String> sent = send(sender, """
				{"to": %d, "type": "group", "msg": "hi all"}""".formatted(group)).toEntity(String.class);

		assertThat(sent.getStatusCode().value()).isEqualTo(201);
		assertThat(JsonPath.<String>read(sent.getBody(), "$.type")).isEqualTo("group");
		for (Client page : pages) {
			List<Map<String, Object>> received = poll(page, null, 0).messages();
			assertThat(received).extracting((message) -> message.get("msg")).containsExactly("hi all");
			assertThat(((Number) received.get(0).get("to")).longValue()).isEqualTo(group);
		}
	}

	@Test
	void fansOutToAThousandMembers() {
		long sender = newUserId();
		long group = newUserId();
		long[] members = LongStream.concat(LongStream.of(sender), LongStream.range(0, 999).map((i) -> newUserId()))
			.toArray();
		givenGroup(group, members);
		List<Client> pages;
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			pages = LongStream.of(members).skip(1).mapToObj((member) -> threads.submit(() -> register(member))).toList()
				.stream().map(ChatServiceIntegrationTest::join).toList();
		}

		assertThat(send(sender, """
				{"to": %d, "type": "group", "msg": "to a crowd"}""".formatted(group)).toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201);

		for (Client page : pages) {
			assertThat(this.redis.sync().llen(ChatKeys.clientKey(page.userId(), page.id(), "inbox"))).isEqualTo(1);
			assertThat(this.redis.sync().hget(ChatKeys.unread(page.userId()), "group:" + group)).isEqualTo("1");
		}
	}

	@Test
	void refusesAGroupMessageFromSomeoneOutsideTheGroup() {
		long outsider = newUserId();
		long member = newUserId();
		long group = newUserId();
		givenGroup(group, member);
		Client membersPage = register(member);

		ResponseEntity<String> refused = send(outsider, """
				{"to": %d, "type": "group", "msg": "let me in"}""".formatted(group)).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo("urn:webchat:problem:not-a-group-member");
		assertThat(poll(membersPage, null, 0).events()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"to\": \"abc\", \"type\": \"single\", \"msg\": \"x\"}",
			"{\"to\": %d, \"type\": \"broadcast\", \"msg\": \"x\"}", "{\"to\": %d, \"type\": \"single\"}",
			"{\"to\": %d, \"type\": \"single\", \"msg\": \"   \"}", "{\"to\": -1, \"type\": \"single\", \"msg\": \"x\"}",
			"{\"to\": %d, \"type\": \"single\", \"msg\": \"x\", \"priority\": 1}", "[{\"to\": %d}]", "{\"to\": %d,",
			"{\"to\": %d, \"type\": \"single\", \"msg\": \"x\", \"clientId\": \"../other\"}", "" })
	void refusesMalformedRequestsWithAProblemAndDeliversNothing(String template) {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);

		ResponseEntity<String> refused = send(alice, template.formatted(bob)).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(poll(bobsPage, null, 0).events()).isEmpty();
		assertThat(historyOf(bob, "single:" + alice)).isEmpty();
	}

	/**
	 * Each value a lenient JSON reader would have turned into another one, most of them into a
	 * message to bob ({@code 29.5} read as 29, {@code true} stored as "true", {@code 0} read as
	 * {@code single}): refused with the field named, nothing stored or delivered. The rule is
	 * problem-details' StrictJsonInput.
	 */
	@ParameterizedTest(name = "{1}: {0}")
	@CsvSource(delimiter = '|', textBlock = """
			{"to": %1$d.5, "type": "single", "msg": "x"}                        | to
			{"to": %1$d.0, "type": "single", "msg": "x"}                        | to
			{"to": %1$de0, "type": "single", "msg": "x"}                        | to
			{"to": 1e3, "type": "single", "msg": "x"}                           | to
			{"to": "%1$d", "type": "single", "msg": "x"}                        | to
			{"to": "%1$d.5", "type": "single", "msg": "x"}                      | to
			{"to": true, "type": "single", "msg": "x"}                          | to
			{"to": [%1$d], "type": "single", "msg": "x"}                        | to
			{"to": 99999999999999999999, "type": "single", "msg": "x"}          | to
			{"to": %1$d, "to": %1$d, "type": "single", "msg": "x"}              | to
			{"to": %1$d, "type": "single", "msg": 424206070630}                 | msg
			{"to": %1$d, "type": "single", "msg": 1.5}                          | msg
			{"to": %1$d, "type": "single", "msg": true}                         | msg
			{"to": %1$d, "type": "single", "msg": ["x"]}                        | msg
			{"to": %1$d, "type": 0, "msg": "x"}                                 | type
			{"to": %1$d, "type": "0", "msg": "x"}                               | type
			{"to": %1$d, "type": "SINGLE", "msg": "x"}                          | type
			{"to": %1$d, "type": "Single", "msg": "x"}                          | type
			{"to": %1$d, "type": "", "msg": "x"}                                | type
			{"to": %1$d, "type": true, "msg": "x"}                              | type
			{"to": %1$d, "type": "single", "msg": "x", "clientMessageId": 17}   | clientMessageId
			{"to": %1$d, "type": "single", "msg": "x", "clientId": 4242}        | clientId
			""")
	void refusesAValueOfTheWrongJsonTypeNamingItsFieldAndDeliversNothing(String template, String field) {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);

		ResponseEntity<String> refused = send(alice, template.formatted(bob)).toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo("urn:webchat:problem:validation");
		assertThat(JsonPath.<List<String>>read(refused.getBody(), "$.errors[*].field")).containsExactly(field);
		assertThat(poll(bobsPage, null, 0).events()).isEmpty();
		assertThat(historyOf(bob, "single:" + alice)).isEmpty();
		assertThat(historyOf(alice, "single:" + bob)).isEmpty();
	}

	@Test
	void saysWhatARefusedValueMustBe() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);

		assertThat(errorMessage(send(alice, "{\"to\": %d.5, \"type\": \"single\", \"msg\": \"x\"}".formatted(bob))))
			.startsWith("must be an integer");
		assertThat(errorMessage(send(alice, "{\"to\": %d, \"type\": \"single\", \"msg\": true}".formatted(bob))))
			.isEqualTo("must be a JSON string");
		assertThat(errorMessage(send(alice, "{\"to\": %d, \"type\": 0, \"msg\": \"x\"}".formatted(bob))))
			.startsWith("must be one of the documented values");
	}

	private static String errorMessage(org.springframework.web.client.RestClient.ResponseSpec answer) {
		return JsonPath.read(answer.toEntity(String.class).getBody(), "$.errors[0].message");
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

	@ParameterizedTest
	@ValueSource(strings = { "bell\\u0007", "nul\\u0000", "escape\\u001b[31m", "c1\\u0085" })
	void refusesControlCharactersOtherThanLineBreaksAndTabs(String text) {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);

		ResponseEntity<String> refused = send(alice, "{\"to\": %d, \"type\": \"single\", \"msg\": \"%s\"}".formatted(bob, text))
			.toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(JsonPath.<List<String>>read(refused.getBody(), "$.errors[*].field")).containsExactly("msg");
		assertThat(sendText(alice, bob, "line one\\nline two\\tindented").getStatusCode().value()).isEqualTo(201);
		assertThat(historyOf(bob, "single:" + alice)).containsExactly("line one\nline two\tindented");
	}

	@Test
	void deliversHtmlAndScriptLookingTextVerbatim() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		String payload = "<img src=x onerror=alert(1)> '; DROP TABLE users; --";

		Client bobsPage = register(bob);
		send(alice, "{\"to\": %d, \"type\": \"single\", \"msg\": %s}".formatted(bob,
				"\"" + payload.replace("\"", "\\\"") + "\"")).toBodilessEntity();

		assertThat(poll(bobsPage, null, 0).texts()).containsExactly(payload);
		assertThat(historyOf(bob, "single:" + alice)).containsExactly(payload);
	}

	private static String single(long to, String msg) {
		return "{\"to\": %d, \"type\": \"single\", \"msg\": \"%s\"}".formatted(to, msg);
	}
}
