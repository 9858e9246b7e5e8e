package io.webchat.chat.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.chat.conversation.ConversationKey;
import io.webchat.chat.conversation.MessageType;
import io.webchat.chat.redis.ChatKeys;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery guarantees of docs/delivery.md, each as a test. Run against a single Redis and
 * against a Redis Cluster: the key layout must hold on both.
 */
public abstract class DeliveryGuaranteesContract extends ChatServiceIntegrationTest {

	@Test
	void everyOpenClientOfTheRecipientGetsEveryMessageInOrder() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsFirstTab = register(bob);
		Client bobsSecondTab = register(bob);
		List<String> sent = IntStream.rangeClosed(1, 100).mapToObj((i) -> "message " + i).toList();

		sent.forEach((text) -> assertThat(sendText(alice, bob, text).getStatusCode().value()).isEqualTo(201));

		assertThat(receiveTexts(bobsFirstTab, 100)).containsExactlyElementsOf(sent);
		assertThat(receiveTexts(bobsSecondTab, 100)).containsExactlyElementsOf(sent);
	}

	@Test
	void theSendersOtherClientsSeeWhatTheySent() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client alicesPhone = register(alice);

		sendText(alice, bob, "sent from my laptop");

		assertThat(receiveTexts(alicesPhone, 1)).containsExactly("sent from my laptop");
	}

	@Test
	void theSendingClientHasItsMessageFromTheAnswerAndItsOtherClientsFromTheirPolls() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client alicesLaptop = register(alice);
		Client alicesPhone = register(alice);
		Client bobsPage = register(bob);

		ResponseEntity<String> answer = send(alice, """
				{"to": %d, "type": "single", "msg": "sent from my laptop", "clientId": "%s"}""".formatted(bob,
				alicesLaptop.id()))
			.toEntity(String.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(201);
		assertThat((String) JsonPath.read(answer.getBody(), "$.msg")).isEqualTo("sent from my laptop");
		assertThat(receiveTexts(alicesPhone, 1)).containsExactly("sent from my laptop");
		assertThat(receiveTexts(bobsPage, 1)).containsExactly("sent from my laptop");
		assertThat(poll(alicesLaptop, null, 0).messages()).isEmpty();
	}

	@Test
	void aBatchIsAnsweredAgainUntilTheNextPollAcknowledgesIt() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		sendText(alice, bob, "do not lose me");

		Batch first = poll(bobsPage, null, 0);
		// the answer is lost on its way: the client polls again without acknowledging it
		Batch again = poll(bobsPage, null, 0);
		Batch afterAck = poll(bobsPage, again.batchId(), 0);

		assertThat(first.texts()).containsExactly("do not lose me");
		assertThat(again.batchId()).isEqualTo(first.batchId());
		assertThat(again.texts()).containsExactly("do not lose me");
		assertThat(afterAck.events()).isEmpty();
	}

	@Test
	void registeringMoreThanTwentyClientsForgetsTheLeastRecentlyPollingOne() {
		long bob = newUserId();
		Client oldest = register(bob);
		List<Client> newer = IntStream.range(0, 20).mapToObj((i) -> register(bob)).toList();

		assertThat(poll(oldest, null, 0).status()).isEqualTo(404);
		assertThat(poll(newer.getFirst(), null, 0).status()).isEqualTo(200);
		assertThat(this.redis.sync().zcard(ChatKeys.clients(bob))).isEqualTo(20);
	}

	@Test
	void concurrentRetriesOfOneSendDeliverItOnce() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		String request = "{\"to\": %d, \"type\": \"single\", \"msg\": \"once\", \"clientMessageId\": \"m-race\"}"
			.formatted(bob);

		List<Future<ResponseEntity<String>>> sends = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 5; i++) {
				sends.add(threads.submit(() -> send(alice, request).toEntity(String.class)));
			}
		}

		assertThat(sends.stream().map(ChatServiceIntegrationTest::join).map((answer) -> answer.getStatusCode().value()))
			.containsOnly(200, 201)
			.containsOnlyOnce(201);
		assertThat(receiveTexts(bobsPage, 2)).containsExactly("once");
		assertThat(unreadOf(bob)).containsEntry("single:" + alice, 1);
	}

	@Test
	void anOfflineUserFindsTheMessagesAndUnreadCountsWhenComingBack() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		List.of("one", "two", "three").forEach((text) -> sendText(alice, bob, text));

		Client bobComesBack = register(bob);

		assertThat(JsonPath.<Integer>read(bobComesBack.registration(), "$.unread['single:" + alice + "']")).isEqualTo(3);
		assertThat(historyOf(bob, "single:" + alice)).containsExactly("one", "two", "three");
	}

	@Test
	void messagesOfAConversationGetDistinctIncreasingSequenceNumbersEvenWhenBothSidesSendAtOnce() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client alicesPage = register(alice);
		Client bobsPage = register(bob);

		List<Future<ResponseEntity<String>>> sends = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 20; i++) {
				int n = i;
				sends.add(threads.submit(() -> sendText(alice, bob, "a" + n)));
				sends.add(threads.submit(() -> sendText(bob, alice, "b" + n)));
			}
		}
		List<Long> seqs = sends.stream()
			.map(ChatServiceIntegrationTest::join)
			.map((answer) -> JsonPath.<Number>read(answer.getBody(), "$.seq").longValue())
			.sorted()
			.toList();

		List<Long> oneToForty = IntStream.rangeClosed(1, 40).mapToObj(Long::valueOf).toList();
		assertThat(seqs).containsExactlyElementsOf(oneToForty);
		// two racing sends may be delivered in either order; their seq is what places them on screen
		assertThat(seqsReceived(alicesPage, 40)).containsExactlyInAnyOrderElementsOf(oneToForty);
		assertThat(seqsReceived(bobsPage, 40)).containsExactlyInAnyOrderElementsOf(oneToForty);
	}

	@Test
	void everyKeyOfAClientExpiresWithIt() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		sendText(alice, bob, "one");
		poll(bobsPage, null, 0);
		sendText(alice, bob, "two");

		for (String part : List.of("inbox", "pending", "batch", "batches")) {
			assertThat(this.redis.sync().pttl(ChatKeys.clientKey(bob, bobsPage.id(), part))).as(part)
				.isPositive()
				.isLessThanOrEqualTo(java.time.Duration.ofMinutes(10).toMillis());
		}
		assertThat(this.redis.sync().pttl(ChatKeys.clients(bob))).isPositive();
	}

	@Test
	void aRetryWhileAnAttemptThatDiedHoldsTheDeliveryIsToldToRetryAndThenDelivers() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		String request = "{\"to\": %d, \"type\": \"single\", \"msg\": \"stored, never delivered\", \"clientMessageId\": \"m-died\"}"
			.formatted(bob);
		ResponseEntity<String> first = send(alice, request).toEntity(String.class);
		receiveTexts(bobsPage, 1);
		// as a first attempt leaves it when its instance or Redis goes away between storing and
		// delivering: stored, not delivered, its claim to deliver still held for a while
		String remembered = ChatKeys.sent(ConversationKey.of(MessageType.SINGLE, alice, bob).storageId(), alice, "m-died");
		this.redis.sync().del(remembered + ":delivered");
		this.redis.sync().set(remembered + ":delivering", "1", io.lettuce.core.SetArgs.Builder.px(2500));

		ResponseEntity<String> whileClaimed = send(alice, request).toEntity(String.class);
		org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(1600)).until(() -> true);
		ResponseEntity<String> afterwards = send(alice, request).toEntity(String.class);

		assertThat(whileClaimed.getStatusCode().value()).as(whileClaimed.getBody()).isEqualTo(503);
		assertThat(whileClaimed.getHeaders().getFirst("Retry-After")).isNotNull();
		assertThat(whileClaimed.getBody()).contains("send-in-progress");
		assertThat(afterwards.getStatusCode().value()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(afterwards.getBody(), "$.id")).isEqualTo(JsonPath.read(first.getBody(), "$.id"));
		assertThat(receiveTexts(bobsPage, 1)).as("delivered by the retry").containsExactly("stored, never delivered");
		assertThat(this.redis.sync().exists(remembered + ":delivered")).isOne();
	}

	@Test
	void aRetriedSendIsStoredAndDeliveredOnceAndAnswersTheStoredMessage() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		String request = "{\"to\": %d, \"type\": \"single\", \"msg\": \"only once\", \"clientMessageId\": \"m-1\"}"
			.formatted(bob);

		ResponseEntity<String> first = send(alice, request).toEntity(String.class);
		ResponseEntity<String> retry = send(alice, request).toEntity(String.class);

		assertThat(first.getStatusCode().value()).isEqualTo(201);
		assertThat(retry.getStatusCode().value()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(retry.getBody(), "$.id")).isEqualTo(JsonPath.read(first.getBody(), "$.id"));
		assertThat(JsonPath.<Object>read(retry.getBody(), "$.seq")).isEqualTo(JsonPath.read(first.getBody(), "$.seq"));
		assertThat(receiveTexts(bobsPage, 2)).containsExactly("only once");
		assertThat(historyOf(bob, "single:" + alice)).containsExactly("only once");
		// remembered for an hour, the page's retries, and then forgotten: Redis holds an hour of sends
		String remembered = ChatKeys.sent(ConversationKey.of(MessageType.SINGLE, alice, bob).storageId(), alice, "m-1");
		for (String key : List.of(remembered, remembered + ":delivered")) {
			assertThat(this.redis.sync().ttl(key)).as(key).isBetween(3590L, 3600L);
		}
	}

	@Test
	void historyPagesBackwardsFromTheNewestMessage() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		IntStream.rangeClosed(1, 120).forEach((i) -> sendText(alice, bob, "m" + i));

		String newest = historyPage(bob, "single:" + alice, null);
		String older = historyPage(bob, "single:" + alice, 71L);
		String oldest = historyPage(bob, "single:" + alice, 21L);

		assertThat(JsonPath.<List<Integer>>read(newest, "$.messages[*].seq")).hasSize(50).startsWith(71).endsWith(120);
		assertThat(JsonPath.<Boolean>read(newest, "$.hasMore")).isTrue();
		assertThat(JsonPath.<List<Integer>>read(older, "$.messages[*].seq")).hasSize(50).startsWith(21).endsWith(70);
		assertThat(JsonPath.<List<Integer>>read(oldest, "$.messages[*].seq")).hasSize(20).startsWith(1).endsWith(20);
		assertThat(JsonPath.<Boolean>read(oldest, "$.hasMore")).isFalse();
	}

	@Test
	void readingAConversationOnOneClientClearsItsBadgeOnTheOthers() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsLaptop = register(bob);
		Client bobsPhone = register(bob);
		sendText(alice, bob, "unread");
		assertThat(unreadOf(bob)).containsEntry("single:" + alice, 1);

		markRead(bobsLaptop, "single:" + alice);

		assertThat(unreadOf(bob)).doesNotContainKey("single:" + alice);
		List<Map<String, Object>> phoneEvents = poll(bobsPhone, null, 0).events();
		assertThat(phoneEvents).extracting((event) -> event.get("type")).containsExactly("message", "read");
		assertThat(phoneEvents.get(1)).containsEntry("conversation", "single:" + alice);
	}

	@Test
	void friendsSeeAUserComeOnlineAndGoOffline() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client alicesPage = register(alice);
		poll(alicesPage, poll(alicesPage, null, 0).batchId(), 0);

		Client bobsPage = register(bob);
		assertThat(onlineFriendsOf(alice)).contains(bob);
		Batch online = poll(alicesPage, null, 0);
		this.http.delete()
			.uri("/api/chat/clients/{id}", bobsPage.id())
			.header("Authorization", bearer(bob))
			.retrieve()
			.toBodilessEntity();
		Batch offline = poll(alicesPage, online.batchId(), 0);

		assertThat(online.events()).singleElement().satisfies((event) -> assertPresence(event, bob, true));
		assertThat(offline.events()).singleElement().satisfies((event) -> assertPresence(event, bob, false));
		assertThat(onlineFriendsOf(alice)).doesNotContain(bob);
	}

	@Test
	void aClientThatStoppedPollingIsForgottenAndToldToRegisterAgain() {
		long bob = newUserId();
		Client bobsPage = register(bob);
		// its last poll was eleven minutes ago, past the ten-minute client time-to-live
		this.redis.sync()
			.zadd(ChatKeys.clients(bob), System.currentTimeMillis() - 11 * 60_000, bobsPage.id());

		Batch answer = poll(bobsPage, null, 0);

		assertThat(answer.status()).isEqualTo(404);
		assertThat(JsonPath.<String>read(answer.body(), "$.type")).isEqualTo("urn:webchat:problem:unknown-client");
	}

	@Test
	void aGroupsHistoryIsHiddenFromNonMembers() {
		long member = newUserId();
		long outsider = newUserId();
		long group = newUserId();
		givenGroup(group, member);

		var answer = this.http.get()
			.uri("/api/chat/conversations/group:{group}/messages", group)
			.header("Authorization", bearer(outsider))
			.retrieve()
			.toEntity(String.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(404);
	}

	private static void assertPresence(Map<String, Object> event, long userId, boolean online) {
		assertThat(event.get("type")).isEqualTo("presence");
		assertThat(((Number) event.get("userId")).longValue()).isEqualTo(userId);
		assertThat(event.get("online")).isEqualTo(online);
	}

	protected List<Long> seqsReceived(Client client, int count) {
		List<Long> seqs = new ArrayList<>();
		String ack = null;
		for (int polls = 0; polls < count + 5 && seqs.size() < count; polls++) {
			Batch batch = poll(client, ack, 5);
			batch.messages().forEach((message) -> seqs.add(((Number) message.get("seq")).longValue()));
			ack = batch.batchId();
		}
		return seqs;
	}

	protected String historyPage(long viewerId, String conversation, Long before) {
		return this.http.get()
			.uri((before != null) ? "/api/chat/conversations/{c}/messages?before=" + before : "/api/chat/conversations/{c}/messages",
					conversation)
			.header("Authorization", bearer(viewerId))
			.retrieve()
			.body(String.class);
	}

	protected Map<String, Integer> unreadOf(long userId) {
		return JsonPath.read(this.http.get().uri("/api/chat/unread").header("Authorization", bearer(userId)).retrieve()
			.body(String.class), "$");
	}

	protected void markRead(Client client, String conversation) {
		assertThat(this.http.put()
			.uri("/api/chat/conversations/{c}/read-marker", conversation)
			.header("Authorization", bearer(client.userId()))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(204);
	}

	protected List<Long> onlineFriendsOf(long userId) {
		List<Number> online = JsonPath.read(this.http.get()
			.uri("/api/chat/presence")
			.header("Authorization", bearer(userId))
			.retrieve()
			.body(String.class), "$.online");
		return online.stream().map(Number::longValue).toList();
	}

	@Test
	void accountEventsReachEveryClientOfEachUserNamedInTheStreamsOrder() {
		long alice = newUserId();
		long bob = newUserId();
		long carol = newUserId();
		Client alicesLaptop = register(alice);
		Client alicesPhone = register(alice);
		Client bobsPage = register(bob);
		Client carolsPage = register(carol);
		List<String> events = IntStream.rangeClosed(1, 20)
			.mapToObj((i) -> "{\"type\":\"friendRequest\",\"change\":\"sent\",\"requestId\":" + i + "}")
			.toList();

		events.forEach((event) -> appendAccountEvent(event, alice, bob));

		List<Integer> inOrder = IntStream.rangeClosed(1, 20).boxed().toList();
		assertThat(receiveEvents(alicesLaptop, 20)).extracting((event) -> event.get("requestId")).isEqualTo(inOrder);
		assertThat(receiveEvents(alicesPhone, 20)).extracting((event) -> event.get("requestId")).isEqualTo(inOrder);
		assertThat(receiveEvents(bobsPage, 20)).extracting((event) -> event.get("requestId")).isEqualTo(inOrder);
		assertThat(poll(carolsPage, null, 0).events()).isEmpty();
		org.awaitility.Awaitility.await()
			.untilAsserted(() -> assertThat(this.redis.sync().xlen(ChatKeys.ACCOUNT_EVENTS))
				.as("delivered events are deleted")
				.isZero());
	}

	@Test
	void anAccountEventWaitsInTheInboxBetweenMessagesAndIsAnsweredAgainUntilAcknowledged() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		sendText(alice, bob, "before");
		appendAccountEvent("{\"type\":\"friendship\",\"userId\":" + alice + ",\"friends\":false}", bob);
		org.awaitility.Awaitility.await()
			.until(() -> this.redis.sync().llen(ChatKeys.clientKey(bob, bobsPage.id(), "inbox")) == 2);

		Batch first = poll(bobsPage, null, 0);
		Batch again = poll(bobsPage, null, 0);

		assertThat(first.events()).extracting((event) -> event.get("type")).containsExactly("message", "friendship");
		assertThat(again.batchId()).isEqualTo(first.batchId());
		assertThat(again.events()).isEqualTo(first.events());
	}

	@Test
	void anAccountEventReadByAnInstanceThatDiedIsDeliveredByAnother() {
		long bob = newUserId();
		Client bobsPage = register(bob);
		String event = "{\"type\":\"group\",\"groupId\":7,\"change\":\"deleted\"}";

		// in one step, so that no running instance reads it first: appended, and read by an
		// instance that then dies without delivering it; it stays pending in the group
		this.redis.sync().eval("""
				redis.call('XADD', KEYS[1], '*', 'users', ARGV[1], 'event', ARGV[2])
				return #redis.call('XREADGROUP', 'GROUP', 'chat-service', 'a-dead-instance', 'COUNT', 100, 'STREAMS', KEYS[1], '>')""",
				io.lettuce.core.ScriptOutputType.INTEGER, new String[] { ChatKeys.ACCOUNT_EVENTS }, Long.toString(bob),
				event);

		assertThat(receiveEvents(bobsPage, 1)).extracting((received) -> received.get("change")).containsExactly("deleted");
		org.awaitility.Awaitility.await()
			.untilAsserted(() -> assertThat(this.redis.sync().xpending(ChatKeys.ACCOUNT_EVENTS, "chat-service").getCount())
				.isZero());
	}

	/** Appends an event for the users' pages to the stream, as account-service does after a commit. */
	protected void appendAccountEvent(String event, long... userIds) {
		this.redis.sync()
			.xadd(ChatKeys.ACCOUNT_EVENTS, Map.of("users",
					java.util.Arrays.stream(userIds).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(",")),
					"event", event));
	}

	/** Polls and acknowledges until {@code count} events other than messages arrived. */
	protected List<Map<String, Object>> receiveEvents(Client client, int count) {
		List<Map<String, Object>> events = new ArrayList<>();
		String ack = null;
		for (int polls = 0; polls < count + 5 && events.size() < count; polls++) {
			Batch batch = poll(client, ack, 5);
			if (batch.events().isEmpty()) {
				break;
			}
			batch.events().stream().filter((event) -> !"message".equals(event.get("type"))).forEach(events::add);
			ack = batch.batchId();
		}
		poll(client, ack, 0);
		return events;
	}
}
