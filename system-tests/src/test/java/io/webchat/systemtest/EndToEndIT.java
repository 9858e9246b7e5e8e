package io.webchat.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import io.webchat.identity.IdentityTokenClaims;
import io.webchat.identity.IdentityTokenIssuer;
import io.webchat.identity.IdentityTokenProperties;
import io.webchat.systemtest.RunningWebchat.Webchat;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system over HTTP, the way the page uses it: logging in at the gateway, sending
 * through it and receiving with the long poll, while two chat-service instances share the
 * work. Each test starts from empty inboxes.
 */
@ExtendWith(RunningWebchat.class)
class EndToEndIT {

	private static final HttpClient DIRECT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static Webchat webchat;

	private static GatewayUser alice;

	private static GatewayUser bob;

	private static GatewayUser carol;

	private static long aliceId;

	private static long bobId;

	private static long carolId;

	@BeforeAll
	static void logIn(Webchat runningWebchat) {
		webchat = runningWebchat;
		alice = GatewayUser.loggedIn(webchat.gatewayUrl(), "alice", "alice-secret");
		bob = GatewayUser.loggedIn(webchat.gatewayUrl(), "bob", "bob-secret");
		carol = GatewayUser.loggedIn(webchat.gatewayUrl(), "carol", "carol-secret");
		aliceId = alice.id();
		bobId = bob.id();
		carolId = carol.id();
	}

	@BeforeEach
	void startWithEmptyInboxes() {
		alice.drainInbox();
		bob.drainInbox();
		carol.drainInbox();
	}

	@Test
	void loggedInUsersSeeTheirProfileFriendsAndTheDemoGroup() {
		JsonNode me = alice.getJson("/api/accounts/me");
		assertThat(me.get("username").asString()).isEqualTo("alice");
		assertThat(me.get("displayName").asString()).isEqualTo("Alice");

		JsonNode friends = alice.getJson("/api/accounts/me/friends").get("content");
		assertThat(values(friends, "username")).contains("bob", "carol");
		assertThat(values(friends, "displayName")).contains("Bob", "Carol");

		JsonNode group = demoGroupOf(alice);
		assertThat(group.get("ownerId").asLong()).isEqualTo(aliceId);
		assertThat(group.get("memberCount").asInt()).isEqualTo(3);
		JsonNode members = bob.getJson("/api/accounts/groups/" + group.get("id").asLong() + "/members").get("content");
		assertThat(values(members, "username")).containsExactlyInAnyOrder("alice", "bob", "carol");
	}

	@Test
	void singleMessageReachesAPollThatWasAlreadyWaiting() throws Exception {
		CompletableFuture<HttpResponse<String>> bobsPoll = bob.startPoll(20);
		// The poll is held open by the server: nothing waits in Bob's inbox yet.
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> !bobsPoll.isDone());

		String text = "hello Bob " + UUID.randomUUID();
		Instant before = Instant.now();
		// "from" and "id" are the server's to set: a client's values are ignored, not trusted.
		HttpResponse<String> sent = alice.postJson("/api/chat/messages", """
				{"to": %d, "type": "single", "msg": "%s", "from": 999, "id": 1}""".formatted(bobId, text));
		Instant after = Instant.now();

		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
		JsonNode stored = GatewayUser.JSON.readTree(sent.body());
		assertThat(stored.get("id").asLong()).isPositive();
		assertThat(stored.get("from").asLong()).isEqualTo(aliceId);
		assertThat(stored.get("to").asLong()).isEqualTo(bobId);
		assertThat(stored.get("type").asString()).isEqualTo("single");
		assertThat(stored.get("msg").asString()).isEqualTo(text);
		Instant timestamp = Instant.parse(stored.get("timestamp").asString());
		assertThat(timestamp).isBetween(before.minusSeconds(5), after.plusSeconds(5));

		HttpResponse<String> polled = bobsPoll.get(10, TimeUnit.SECONDS);
		assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
		JsonNode messages = GatewayUser.JSON.readTree(polled.body()).get("messages");
		assertThat(messages).hasSize(1);
		JsonNode received = messages.get(0);
		assertThat(received.get("id").asLong()).isEqualTo(stored.get("id").asLong());
		assertThat(received.get("from").asLong()).isEqualTo(aliceId);
		assertThat(received.get("to").asLong()).isEqualTo(bobId);
		assertThat(received.get("type").asString()).isEqualTo("single");
		assertThat(received.get("msg").asString()).isEqualTo(text);
		assertThat(Instant.parse(received.get("timestamp").asString())).isEqualTo(timestamp);

		assertThat(alice.drainInbox()).as("the sender's own inbox").isEmpty();
		assertThat(carol.drainInbox()).as("a bystander's inbox").isEmpty();
	}

	@Test
	void groupMessageReachesEveryMemberExceptTheSender() throws Exception {
		long groupId = demoGroupOf(alice).get("id").asLong();
		CompletableFuture<HttpResponse<String>> bobsPoll = bob.startPoll(20);
		CompletableFuture<HttpResponse<String>> carolsPoll = carol.startPoll(20);

		String text = "hello group " + UUID.randomUUID();
		JsonNode stored = alice.sendMessage(groupId, "group", text);
		assertThat(stored.get("from").asLong()).isEqualTo(aliceId);
		assertThat(stored.get("to").asLong()).isEqualTo(groupId);
		assertThat(stored.get("type").asString()).isEqualTo("group");

		for (CompletableFuture<HttpResponse<String>> poll : List.of(bobsPoll, carolsPoll)) {
			HttpResponse<String> polled = poll.get(10, TimeUnit.SECONDS);
			assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
			JsonNode messages = GatewayUser.JSON.readTree(polled.body()).get("messages");
			assertThat(messages).hasSize(1);
			assertThat(messages.get(0).get("id").asLong()).isEqualTo(stored.get("id").asLong());
			assertThat(messages.get(0).get("from").asLong()).isEqualTo(aliceId);
			assertThat(messages.get(0).get("to").asLong()).isEqualTo(groupId);
			assertThat(messages.get(0).get("type").asString()).isEqualTo("group");
			assertThat(messages.get(0).get("msg").asString()).isEqualTo(text);
		}
		assertThat(alice.drainInbox()).as("the sender's own inbox").isEmpty();
	}

	@Test
	void messagesArriveInSendingOrderWhicheverChatInstanceServesEachRequest() {
		List<Long> sentIds = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			sentIds.add(alice.sendMessage(bobId, "single", "message " + i).get("id").asLong());
		}
		// One poll answers with all that waits; a second one (the gateway balances requests
		// over both instances) finds the inbox empty.
		List<Long> receivedIds = bob.drainInbox().stream().map((message) -> message.get("id").asLong()).toList();
		assertThat(receivedIds).containsExactlyElementsOf(sentIds);
		assertThat(bob.drainInbox()).isEmpty();
	}

	@Test
	void pollOnAnEmptyInboxAnswersAnEmptyListWhenItsTimeoutPasses() {
		long started = System.nanoTime();
		HttpResponse<String> polled = bob.get("/api/chat/inbox?timeout=1");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
		assertThat(polled.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = GatewayUser.JSON.readTree(polled.body());
		assertThat(body.get("messages").isArray()).isTrue();
		assertThat(body.get("messages")).isEmpty();
		assertThat(took).as("the poll waited for its timeout").isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(took).as("and no longer than needed").isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void messageToSomeoneWhoIsNotAFriendIsRefused() {
		String username = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
		GatewayUser visitor = GatewayUser.anonymous(webchat.gatewayUrl());
		visitor.get("/login"); // the XSRF-TOKEN cookie for the registration POST
		HttpResponse<String> registered = visitor.postJson("/api/accounts/users", """
				{"username": "%s", "displayName": "Stranger", "password": "stranger-secret"}""".formatted(username));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		long strangerId = GatewayUser.JSON.readTree(registered.body()).get("id").asLong();
		GatewayUser stranger = GatewayUser.loggedIn(webchat.gatewayUrl(), username, "stranger-secret");

		HttpResponse<String> refused = alice.postJson("/api/chat/messages", """
				{"to": %d, "type": "single", "msg": "hi stranger"}""".formatted(strangerId));

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(stranger.drainInbox()).isEmpty();
	}

	@Test
	void chatServiceAnswers401ToRequestsThatDidNotComeThroughTheGateway() throws Exception {
		String send = """
				{"to": %d, "type": "single", "msg": "sneaked past the gateway"}""".formatted(bobId);
		for (URI chat : webchat.chatServiceUrls()) {
			assertThat(direct(postMessage(chat, send))).as("%s: a send without a token", chat).isEqualTo(401);
			assertThat(direct(postMessage(chat, send).header("Authorization", "Bearer not-a-token")))
				.as("%s: a send with a garbage token", chat)
				.isEqualTo(401);
			assertThat(direct(getInbox(chat))).as("%s: the inbox without a token", chat).isEqualTo(401);
			assertThat(direct(getInbox(chat).header("Authorization", "Bearer not-a-token")))
				.as("%s: the inbox with a garbage token", chat)
				.isEqualTo(401);
			String forged = TestIdentityKeys.untrusted()
				.issuer()
				.issueForUser(aliceId, "alice", IdentityTokenClaims.CHAT_SERVICE);
			assertThat(direct(postMessage(chat, send).header("Authorization", "Bearer " + forged)))
				.as("%s: a well-formed token signed with a key that is not the gateway's", chat)
				.isEqualTo(401);
			String forAccountService = gatewayTokens().issueForUser(aliceId, "alice", IdentityTokenClaims.ACCOUNT_SERVICE);
			assertThat(direct(postMessage(chat, send).header("Authorization", "Bearer " + forAccountService)))
				.as("%s: a gateway token meant for account-service", chat)
				.isEqualTo(401);
		}
		assertThat(bob.drainInbox()).as("nothing was delivered").isEmpty();

		// The control: the same request with the token the gateway would have minted is served.
		String genuine = gatewayTokens().issueForUser(aliceId, "alice", IdentityTokenClaims.CHAT_SERVICE);
		assertThat(direct(getInbox(webchat.chatServiceUrls().get(0)).header("Authorization", "Bearer " + genuine)))
			.isEqualTo(200);
	}

	@Test
	void wrongPasswordLeadsBackToTheLoginFormWithAnError() {
		GatewayUser intruder = GatewayUser.anonymous(webchat.gatewayUrl());

		HttpResponse<String> login = intruder.submitLogin("alice", "not-alice-secret");

		assertThat(login.statusCode()).isEqualTo(302);
		URI location = webchat.gatewayUrl().resolve(login.headers().firstValue("Location").orElseThrow());
		assertThat(location.getPath()).isEqualTo("/login");
		assertThat(location.getQuery()).isEqualTo("error");
		assertThat(intruder.get("/api/accounts/me").statusCode()).as("still not logged in").isEqualTo(401);
		assertThat(intruder.get(location.toString()).body()).contains("Invalid username or password.");
	}

	@Test
	void withoutASessionTheApiAnswers401AndThePageRedirectsToTheLoginForm() {
		GatewayUser visitor = GatewayUser.anonymous(webchat.gatewayUrl());

		HttpResponse<String> inbox = visitor.get("/api/chat/inbox?timeout=0");
		assertThat(inbox.statusCode()).isEqualTo(401);
		assertThat(inbox.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(GatewayUser.JSON.readTree(inbox.body()).get("status").asInt()).isEqualTo(401);

		HttpResponse<String> page = visitor.get("/");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(webchat.gatewayUrl().resolve(page.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/login");
	}

	@Test
	void postWithoutTheCsrfHeaderIsRefusedAndSendsNothing() {
		HttpResponse<String> refused = alice.postJsonWithoutCsrfHeader("/api/chat/messages", """
				{"to": %d, "type": "single", "msg": "forged"}""".formatted(bobId));

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(bob.drainInbox()).isEmpty();
	}

	private static JsonNode demoGroupOf(GatewayUser user) {
		JsonNode groups = user.getJson("/api/accounts/me/groups").get("content");
		return StreamSupport.stream(groups.spliterator(), false)
			.filter((group) -> group.get("name").asString().equals("Demo group"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No 'Demo group' in " + groups));
	}

	private static List<String> values(JsonNode array, String field) {
		return StreamSupport.stream(array.spliterator(), false).map((node) -> node.get(field).asString()).toList();
	}

	/** A token signed with the key pair the launcher generated for this run, as the gateway signs. */
	private static IdentityTokenIssuer gatewayTokens() {
		Path keys = RunningWebchat.WORK_DIRECTORY.resolve("keys");
		return new IdentityTokenIssuer(new IdentityTokenProperties(TestIdentityKeys.ISSUER, null,
				new FileSystemResource(keys.resolve("identity-token-public.pem")), java.util.List.of(),
				new FileSystemResource(keys.resolve("identity-token-private.pem")), Duration.ofSeconds(30)),
				Clock.systemUTC());
	}

	private static HttpRequest.Builder postMessage(URI chat, String json) {
		return HttpRequest.newBuilder(chat.resolve("/api/chat/messages"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private static HttpRequest.Builder getInbox(URI chat) {
		return HttpRequest.newBuilder(chat.resolve("/api/chat/inbox?timeout=0")).GET();
	}

	private static int direct(HttpRequest.Builder request) throws Exception {
		return DIRECT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}
}
