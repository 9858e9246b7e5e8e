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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system over HTTP, the way the page uses it: logging in at the gateway, registering
 * a client per tab, sending through the gateway and receiving with the acknowledged long poll,
 * while two chat-service instances share the work. Each test opens the clients it needs (a
 * new client's inbox starts empty) and closes them after.
 */
@ExtendWith(RunningWebchat.class)
class EndToEndIT {

	private static final HttpClient DIRECT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	private static Webchat webchat;

	private static GatewayUser alice;

	private static GatewayUser bob;

	private static GatewayUser carol;

	private static long aliceId;

	private static long bobId;

	private static long carolId;

	private final List<ChatClient> openClients = new ArrayList<>();

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

	@AfterEach
	void closeClients() {
		this.openClients.forEach(ChatClient::close);
	}

	/** A tab of {@code user} that stays open until the test ends. */
	private ChatClient tabOf(GatewayUser user) {
		ChatClient client = user.openClient();
		this.openClients.add(client);
		return client;
	}

	/**
	 * Tabs of these users, one each, with the events of their opening drained: a tab that
	 * opens tells the friends' tabs that its user came online.
	 */
	private List<ChatClient> tabsOf(GatewayUser... users) {
		List<ChatClient> tabs = new ArrayList<>();
		for (GatewayUser user : users) {
			tabs.add(tabOf(user));
		}
		tabs.forEach(ChatClient::drainEvents);
		return tabs;
	}

	@Test
	void oneSwaggerUiAtTheGatewayListsBothServicesAndTriesThemOutAsTheLoggedInUser() {
		JsonNode config = alice.getJson("/v3/api-docs/swagger-config");
		List<String> specs = new java.util.ArrayList<>();
		config.get("urls").forEach((url) -> specs.add(url.get("url").asString()));

		assertThat(alice.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
		assertThat(specs).containsExactlyInAnyOrder("/api/accounts/v3/api-docs", "/api/chat/v3/api-docs");
		for (String spec : specs) {
			JsonNode document = alice.getJson(spec);
			// relative server URL: "Try it out" calls the gateway with the session, never a service directly
			assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
			assertThat(document.get("paths").size()).isPositive();
		}
		assertThat(GatewayUser.anonymous(webchat.gatewayUrl()).get("/api/chat/v3/api-docs").statusCode())
			.isEqualTo(401);
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
		List<ChatClient> tabs = tabsOf(bob, alice, carol);
		ChatClient bobsTab = tabs.get(0);
		ChatClient alicesOtherTab = tabs.get(1);
		ChatClient carolsTab = tabs.get(2);
		CompletableFuture<HttpResponse<String>> bobsPoll = bobsTab.startPoll(20);
		// The poll is held open by the server: nothing waits in the inbox of Bob's tab yet.
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> !bobsPoll.isDone());

		String text = "hello Bob " + UUID.randomUUID();
		Instant before = Instant.now();
		// "from", "id" and "seq" are the server's to set: a client's values are ignored, not trusted.
		HttpResponse<String> sent = alice.postJson("/api/chat/messages", """
				{"to": %d, "type": "single", "msg": "%s", "from": 999, "id": 1, "seq": 1}""".formatted(bobId, text));
		Instant after = Instant.now();

		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
		JsonNode stored = GatewayUser.JSON.readTree(sent.body());
		assertThat(stored.get("id").asLong()).isPositive();
		assertThat(stored.get("seq").asLong()).isPositive();
		assertThat(stored.get("from").asLong()).isEqualTo(aliceId);
		assertThat(stored.get("to").asLong()).isEqualTo(bobId);
		assertThat(stored.get("type").asString()).isEqualTo("single");
		assertThat(stored.get("msg").asString()).isEqualTo(text);
		Instant timestamp = Instant.parse(stored.get("timestamp").asString());
		assertThat(timestamp).isBetween(before.minusSeconds(5), after.plusSeconds(5));

		ChatClient.Batch polled = bobsTab.accept(bobsPoll.get(10, TimeUnit.SECONDS));
		assertThat(polled.batchId()).isNotBlank();
		assertThat(polled.messages()).hasSize(1);
		JsonNode received = polled.messages().get(0);
		assertThat(received.get("id").asLong()).isEqualTo(stored.get("id").asLong());
		assertThat(received.get("seq").asLong()).isEqualTo(stored.get("seq").asLong());
		assertThat(received.get("from").asLong()).isEqualTo(aliceId);
		assertThat(received.get("to").asLong()).isEqualTo(bobId);
		assertThat(received.get("type").asString()).isEqualTo("single");
		assertThat(received.get("msg").asString()).isEqualTo(text);
		assertThat(Instant.parse(received.get("timestamp").asString())).isEqualTo(timestamp);

		assertThat(ids(alicesOtherTab.awaitMessages(1, DELIVERY))).as("the sender's other tab shows it too")
			.containsExactly(stored.get("id").asLong());
		assertThat(carolsTab.drainMessages()).as("a bystander's tab").isEmpty();
	}

	@Test
	void groupMessageReachesEveryMembersTabs() {
		long groupId = demoGroupOf(alice).get("id").asLong();
		List<ChatClient> tabs = tabsOf(bob, carol, alice);
		ChatClient bobsTab = tabs.get(0);
		ChatClient carolsTab = tabs.get(1);
		ChatClient alicesTab = tabs.get(2);
		CompletableFuture<HttpResponse<String>> bobsPoll = bobsTab.startPoll(20);
		CompletableFuture<HttpResponse<String>> carolsPoll = carolsTab.startPoll(20);
		await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
			.until(() -> !bobsPoll.isDone() && !carolsPoll.isDone());

		String text = "hello group " + UUID.randomUUID();
		JsonNode stored = alice.sendMessage(groupId, "group", text);
		assertThat(stored.get("from").asLong()).isEqualTo(aliceId);
		assertThat(stored.get("to").asLong()).isEqualTo(groupId);
		assertThat(stored.get("type").asString()).isEqualTo("group");

		for (ChatClient tab : List.of(bobsTab, carolsTab)) {
			List<JsonNode> messages = tab.accept(ChatClient.await((tab == bobsTab) ? bobsPoll : carolsPoll)).messages();
			assertThat(messages).hasSize(1);
			assertThat(messages.get(0).get("id").asLong()).isEqualTo(stored.get("id").asLong());
			assertThat(messages.get(0).get("from").asLong()).isEqualTo(aliceId);
			assertThat(messages.get(0).get("to").asLong()).isEqualTo(groupId);
			assertThat(messages.get(0).get("type").asString()).isEqualTo("group");
			assertThat(messages.get(0).get("msg").asString()).isEqualTo(text);
		}
		assertThat(ids(alicesTab.awaitMessages(1, DELIVERY))).as("the sender's own tab")
			.containsExactly(stored.get("id").asLong());
	}

	@Test
	void messagesOfAConversationAreNumberedInSendingOrderWhicheverInstanceServesEachRequest() {
		ChatClient bobsTab = tabOf(bob);
		List<Long> sentIds = new ArrayList<>();
		List<Long> sentSeqs = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			JsonNode stored = alice.sendMessage(bobId, "single", "message " + i);
			sentIds.add(stored.get("id").asLong());
			sentSeqs.add(stored.get("seq").asLong());
		}
		// The gateway balances the sends and the polls over both instances.
		List<JsonNode> received = bobsTab.awaitMessages(6, DELIVERY);
		assertThat(ids(received)).containsExactlyElementsOf(sentIds);
		assertThat(sentSeqs).as("one conversation, numbered 1, 2, 3 … without gaps")
			.containsExactly(sentSeqs.get(0), sentSeqs.get(0) + 1, sentSeqs.get(0) + 2, sentSeqs.get(0) + 3,
					sentSeqs.get(0) + 4, sentSeqs.get(0) + 5);
		assertThat(received.stream().map((message) -> message.get("seq").asLong())).containsExactlyElementsOf(sentSeqs);
		assertThat(bobsTab.drainMessages()).isEmpty();
	}

	@Test
	void pollOnAnEmptyInboxAnswersAnEmptyBatchWhenItsTimeoutPasses() {
		ChatClient bobsTab = tabsOf(bob).get(0);

		long started = System.nanoTime();
		HttpResponse<String> polled = bob.get(bobsTab.eventsPath(1));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
		assertThat(polled.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = GatewayUser.JSON.readTree(polled.body());
		assertThat(body.path("batchId").isMissingNode() || body.get("batchId").isNull()).as("no batch: %s", body).isTrue();
		assertThat(body.get("events").isArray()).isTrue();
		assertThat(body.get("events")).isEmpty();
		assertThat(body.get("resync").asBoolean()).isFalse();
		assertThat(took).as("the poll waited for its timeout").isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(took).as("and no longer than needed").isLessThan(Duration.ofSeconds(10));
	}

	/**
	 * A poll whose browser went away may still be waiting in chat-service when the next message
	 * comes: it may take the message, but only into the client's unacknowledged batch, which the
	 * next poll answers again — never answered to nobody and lost.
	 */
	@Test
	void messageSentWhileThePreviousPollWasAbandonedStillArrives() {
		ChatClient bobsTab = tabsOf(bob).get(0);
		CompletableFuture<HttpResponse<String>> abandoned = bobsTab.startPoll(20);
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> !abandoned.isDone());
		// the tab lost its connection mid-poll; chat-service still waits on its behalf
		abandoned.cancel(true);

		JsonNode stored = alice.sendMessage(bobId, "single", "while you were away " + UUID.randomUUID());

		assertThat(ids(bobsTab.awaitMessages(1, DELIVERY))).containsExactly(stored.get("id").asLong());
		assertThat(bobsTab.drainMessages()).as("and only once").isEmpty();
	}

	@Test
	void everyTabOfAUserReceivesTheSameMessagesAndATabOpenedLaterWhatIsSentFromThenOn() {
		long groupId = demoGroupOf(alice).get("id").asLong();
		ChatClient firstTab = tabOf(bob);
		ChatClient secondTab = tabOf(bob);

		List<Long> sent = List.of(alice.sendMessage(bobId, "single", "to both tabs 1").get("id").asLong(),
				carol.sendMessage(bobId, "single", "to both tabs 2").get("id").asLong(),
				carol.sendMessage(groupId, "group", "to both tabs 3").get("id").asLong());

		assertThat(ids(firstTab.awaitMessages(3, DELIVERY))).containsExactlyElementsOf(sent);
		assertThat(ids(secondTab.awaitMessages(3, DELIVERY))).containsExactlyElementsOf(sent);

		ChatClient thirdTab = tabOf(bob);
		long later = alice.sendMessage(bobId, "single", "to all three tabs").get("id").asLong();

		for (ChatClient tab : List.of(firstTab, secondTab, thirdTab)) {
			assertThat(ids(tab.awaitMessages(1, DELIVERY))).as("tab %s", tab.id()).containsExactly(later);
		}
		assertThat(thirdTab.drainMessages()).as("what came before the third tab is in history, not in its inbox")
			.isEmpty();
	}

	@Test
	void historyOfAConversationIsReadPageByPageBackwardsFromEitherSide() {
		List<JsonNode> sent = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			GatewayUser sender = (i % 2 == 0) ? carol : alice;
			sent.add(sender.sendMessage((sender == alice) ? carolId : aliceId, "single", "history " + i));
		}

		JsonNode newest = alice.getJson("/api/chat/conversations/single:" + carolId + "/messages?limit=3");
		assertThat(newest.get("hasMore").asBoolean()).isTrue();
		assertThat(ids(list(newest.get("messages")))).as("the newest page, oldest first")
			.containsExactlyElementsOf(ids(sent.subList(4, 7)));
		long firstSeq = newest.get("messages").get(0).get("seq").asLong();

		JsonNode older = alice
			.getJson("/api/chat/conversations/single:" + carolId + "/messages?limit=3&before=" + firstSeq);
		assertThat(ids(list(older.get("messages")))).containsExactlyElementsOf(ids(sent.subList(1, 4)));

		JsonNode carolsSide = carol.getJson("/api/chat/conversations/single:" + aliceId + "/messages?limit=7");
		assertThat(ids(list(carolsSide.get("messages")))).as("one conversation, seen from the other side")
			.containsExactlyElementsOf(ids(sent));
		assertThat(list(carolsSide.get("messages")).stream().map((message) -> message.get("msg").asString()))
			.containsExactly("history 1", "history 2", "history 3", "history 4", "history 5", "history 6", "history 7");
	}

	@Test
	void unreadCountsSurviveAReloadAndTheReadMarkerClearsThemOnEveryTab() {
		String conversation = "single:" + aliceId;
		bob.markRead(conversation);
		ChatClient bobsTab = tabOf(bob);

		alice.sendMessage(bobId, "single", "unread 1");
		alice.sendMessage(bobId, "single", "unread 2");
		bobsTab.awaitMessages(2, DELIVERY);

		// a reload: the page closes its client and registers a new one
		bobsTab.close();
		this.openClients.remove(bobsTab);
		ChatClient reloaded = tabOf(bob);
		assertThat(reloaded.registration().get("unread").get(conversation).asLong()).isEqualTo(2);
		assertThat(bob.unread(conversation)).isEqualTo(2);
		ChatClient otherTab = tabOf(bob);

		// the reloaded page opens the conversation
		bob.markRead(conversation);

		assertThat(bob.unread(conversation)).isZero();
		for (ChatClient tab : List.of(reloaded, otherTab)) {
			assertThat(tab.drainEvents()).as("tab %s is told to clear the badge", tab.id())
				.anySatisfy((event) -> {
					assertThat(event.get("type").asString()).isEqualTo("read");
					assertThat(event.get("conversation").asString()).isEqualTo(conversation);
				});
		}
		assertThat(tabOf(bob).registration().get("unread").has(conversation)).as("after another reload").isFalse();
	}

	@Test
	void aSendRetriedWithTheSameClientMessageIdIsStoredAndDeliveredOnce() {
		ChatClient bobsTab = tabOf(bob);
		String clientMessageId = "e2e-" + UUID.randomUUID();
		String json = GatewayUser.messageJson(bobId, "single", "sent twice, shown once", clientMessageId);

		HttpResponse<String> first = alice.postJson("/api/chat/messages", json);
		HttpResponse<String> retry = alice.postJson("/api/chat/messages", json);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(retry.statusCode()).as("the retry answers the stored copy: %s", retry.body()).isEqualTo(200);
		JsonNode stored = GatewayUser.JSON.readTree(first.body());
		JsonNode again = GatewayUser.JSON.readTree(retry.body());
		assertThat(again.get("id").asLong()).isEqualTo(stored.get("id").asLong());
		assertThat(again.get("seq").asLong()).isEqualTo(stored.get("seq").asLong());
		assertThat(stored.get("clientMessageId").asString()).isEqualTo(clientMessageId);

		assertThat(ids(bobsTab.awaitMessages(1, DELIVERY))).containsExactly(stored.get("id").asLong());
		assertThat(bobsTab.drainMessages()).as("delivered once").isEmpty();
		JsonNode history = bob.getJson("/api/chat/conversations/single:" + aliceId + "/messages?limit=5");
		assertThat(list(history.get("messages")).stream()
			.filter((message) -> clientMessageId.equals(message.path("clientMessageId").asString(null)))).hasSize(1);
	}

	@Test
	void messageToSomeoneWhoIsNotAFriendIsRefused() {
		String username = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "Str4nger-" + UUID.randomUUID();
		GatewayUser visitor = GatewayUser.anonymous(webchat.gatewayUrl());
		visitor.get("/register"); // the XSRF-TOKEN cookie for the registration POST
		HttpResponse<String> registered = visitor.postJson("/api/accounts/users", """
				{"username": "%s", "displayName": "Stranger", "password": "%s"}""".formatted(username, password));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		long strangerId = GatewayUser.JSON.readTree(registered.body()).get("id").asLong();
		GatewayUser stranger = GatewayUser.loggedIn(webchat.gatewayUrl(), username, password);
		ChatClient strangersTab = tabOf(stranger);

		HttpResponse<String> refused = alice.postJson("/api/chat/messages", """
				{"to": %d, "type": "single", "msg": "hi stranger"}""".formatted(strangerId));

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(strangersTab.drainMessages()).isEmpty();
		assertThat(stranger.getJson("/api/chat/conversations/single:" + aliceId + "/messages").get("messages"))
			.as("nothing was stored either").isEmpty();
	}

	@Test
	void chatServiceAnswers401ToRequestsThatDidNotComeThroughTheGateway() throws Exception {
		ChatClient bobsTab = tabOf(bob);
		String send = """
				{"to": %d, "type": "single", "msg": "sneaked past the gateway"}""".formatted(bobId);
		for (URI chat : webchat.chatServiceUrls()) {
			assertThat(direct(postMessage(chat, send))).as("%s: a send without a token", chat).isEqualTo(401);
			assertThat(direct(postMessage(chat, send).header("Authorization", "Bearer not-a-token")))
				.as("%s: a send with a garbage token", chat)
				.isEqualTo(401);
			assertThat(direct(getEvents(chat, bobsTab))).as("%s: the events without a token", chat).isEqualTo(401);
			assertThat(direct(getEvents(chat, bobsTab).header("Authorization", "Bearer not-a-token")))
				.as("%s: the events with a garbage token", chat)
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
		assertThat(bobsTab.drainMessages()).as("nothing was delivered").isEmpty();

		// The control: the same request with the token the gateway would have minted is served.
		String genuine = gatewayTokens().issueForUser(bobId, "bob", IdentityTokenClaims.CHAT_SERVICE);
		assertThat(direct(getEvents(webchat.chatServiceUrls().get(0), bobsTab).header("Authorization", "Bearer " + genuine)))
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

		HttpResponse<String> register = visitor.postJsonWithoutCsrfHeader("/api/chat/clients", "");
		HttpResponse<String> unread = visitor.get("/api/chat/unread");
		for (HttpResponse<String> refused : List.of(register, unread)) {
			assertThat(refused.statusCode()).as(refused.body()).isIn(401, 403);
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(unread.statusCode()).isEqualTo(401);
		assertThat(GatewayUser.JSON.readTree(unread.body()).get("status").asInt()).isEqualTo(401);

		HttpResponse<String> page = visitor.get("/");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(webchat.gatewayUrl().resolve(page.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/login");
	}

	@Test
	void postWithoutTheCsrfHeaderIsRefusedAndSendsNothing() {
		ChatClient bobsTab = tabOf(bob);
		HttpResponse<String> refused = alice.postJsonWithoutCsrfHeader("/api/chat/messages", """
				{"to": %d, "type": "single", "msg": "forged"}""".formatted(bobId));

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(bobsTab.drainMessages()).isEmpty();
	}

	static JsonNode demoGroupOf(GatewayUser user) {
		JsonNode groups = user.getJson("/api/accounts/me/groups").get("content");
		return StreamSupport.stream(groups.spliterator(), false)
			.filter((group) -> group.get("name").asString().equals("Demo group"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No 'Demo group' in " + groups));
	}

	static List<Long> ids(List<JsonNode> messages) {
		return messages.stream().map((message) -> message.get("id").asLong()).toList();
	}

	private static List<JsonNode> list(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).toList();
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

	private static HttpRequest.Builder getEvents(URI chat, ChatClient client) {
		return HttpRequest.newBuilder(chat.resolve(client.eventsPath(0))).GET();
	}

	private static int direct(HttpRequest.Builder request) throws Exception {
		return DIRECT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}
}
