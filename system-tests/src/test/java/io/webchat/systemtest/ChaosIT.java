package io.webchat.systemtest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.webchat.systemtest.GatewayUser.GatewayUnreachable;
import io.webchat.systemtest.RunningWebchat.Webchat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chaos run. Through the whole class a stream of sends (Alice to Bob, each with its
 * {@code clientMessageId}; a 503 is sent again after its Retry-After with the same id, as the
 * page's retry does, and every tenth message once more, as after a lost answer) and long polls
 * (two of Bob's tabs at the API) goes to two gateways in turn, while Bob has the chat page open
 * with Alice's window in headless Chromium. Under it, one after the other, parts of the system
 * fail for real:
 * <ol>
 * <li>a chat-service instance is killed ({@code kill -9}) and started again;</li>
 * <li>the redis-server is killed ({@code kill -9}; its append-only file is written at every
 * command) and started again on its port;</li>
 * <li>the database goes away for account-service: a proxy in front of it resets its connections
 * and refuses new ones. The test does not stop MariaDB itself: it is the machine's, shared with
 * other work and other test runs;</li>
 * <li>account-service is killed and started again;</li>
 * <li>one of the two gateways is killed: the sessions it served go on through the other.</li>
 * </ol>
 * Each fault's test checks what users see while it lasts, prints how long it took from the part
 * being back (or, for a part that is not needed, from its death) to a send delivered to Bob's
 * tabs, and checks every call since it began: no 4xx, no 5xx but a 503 with Retry-After, none
 * longer than its poll timeout + 2 s. The last test checks that every accepted send reached each
 * tab and Bob's screen exactly once (by id), and history once. The tests run in this order and
 * share the stream; every part of the system is whole again when the class ends.
 */
@ExtendWith(RunningWebchat.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

	/** Two tabs, one long and one short poll, so that polls end (and may hang) at both. */
	private static final List<Integer> TAB_POLL_TIMEOUTS = List.of(10, 3);

	/** About five sends a second, well inside the send rate limit the system tests run with. */
	private static final Duration SEND_INTERVAL = Duration.ofMillis(150);

	/** A send stored at last: the stream gives up on a message only after this. */
	private static final Duration STORED_WITHIN = Duration.ofSeconds(60);

	private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(30);

	/** Long enough for the page's backoff after an outage (full jitter, doubling up to 30 s). */
	private static final Duration ON_SCREEN_WITHIN = Duration.ofSeconds(60);

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	/** Every text of this run starts so: the screen and history are searched for it. */
	private static final String TEXT_PREFIX = "chaos " + RUN + " ";

	private static final RecordedCalls calls = new RecordedCalls();

	private static final Set<URI> killedGateways = ConcurrentHashMap.newKeySet();

	/** The messages stored, by clientMessageId. */
	private static final Map<String, Sent> accepted = new ConcurrentHashMap<>();

	/** What went wrong beyond a single call's answer (a retry stored twice, a resync), and when. */
	private static final Queue<Problem> problems = new ConcurrentLinkedQueue<>();

	private static final List<Tab> tabs = new ArrayList<>();

	private static Webchat webchat;

	private static URI secondGateway;

	private static GatewayUser alice;

	private static GatewayUser bob;

	private static long aliceId;

	private static long bobId;

	private static BrowserSession bobsPage;

	private static Sender sender;

	private static Instant runStarted;

	private static Instant classStarted;

	/** A message as the server stored it. */
	private record Sent(long id, long seq, String text, String clientMessageId) {
	}

	private record Problem(Instant at, String what) {

		static void report(String what) {
			problems.add(new Problem(Instant.now(), what));
		}

		static List<String> since(Instant from) {
			return problems.stream().filter((problem) -> !problem.at().isBefore(from)).map(Problem::what).toList();
		}
	}

	@BeforeAll
	static void startTheStream(Webchat runningWebchat) {
		classStarted = Instant.now();
		webchat = runningWebchat;
		URI firstGateway = webchat.gatewayUrl();
		CompletableFuture<URI> second = CompletableFuture.supplyAsync(webchat::startSecondGateway);
		aliceId = GatewayUser.loggedIn(firstGateway, "alice", "alice-secret").id();
		bobsPage = BrowserSession.open("bob-chaos");
		bobsPage.logIn(firstGateway, "bob", "bob-secret", "Bob");
		bobsPage.openConversation("single:" + aliceId, "Chatting with Alice");
		secondGateway = second.join();
		// logged in at the second gateway, which is killed last: their sessions must outlive it
		alice = GatewayUser.loggedIn(secondGateway, "alice", "alice-secret").alsoThrough(firstGateway);
		bob = GatewayUser.loggedIn(secondGateway, "bob", "bob-secret").alsoThrough(firstGateway);
		bobId = bob.id();
		for (int i = 0; i < TAB_POLL_TIMEOUTS.size(); i++) {
			tabs.add(new Tab("tab " + (i + 1), bob.openClient(), TAB_POLL_TIMEOUTS.get(i)));
		}
		runStarted = Instant.now();
		tabs.forEach(Tab::start);
		sender = new Sender();
		sender.start();
		System.out.printf("chaos: set up in %.1f s (a second gateway at %s, Bob's page, two tabs)%n",
				seconds(Duration.between(classStarted, runStarted)), secondGateway);
	}

	@AfterAll
	static void makeTheSystemWholeAgain() {
		if (sender != null) {
			sender.stop();
		}
		tabs.forEach(Tab::stop);
		if (webchat != null) {
			webchat.restoreDatabase();
			webchat.startRedisAgain();
			webchat.killSecondGateway();
			CompletableFuture<Void> chat = CompletableFuture.runAsync(() -> webchat.restartChatInstance(0));
			webchat.restartAccountService();
			chat.join();
		}
		if (bobsPage != null) {
			System.out.println("chaos: console of Bob's page: " + bobsPage.consoleMessages());
			bobsPage.close();
		}
		if (runStarted != null) {
			System.out.printf("chaos: the whole class took %.1f s; the calls:%s%n",
					seconds(Duration.between(classStarted, Instant.now())), calls.summary(runStarted));
		}
	}

	@Test
	@Order(1)
	void aChatInstanceKilledUnderTheStreamCostsNoCallAnError() {
		Instant from = Instant.now();
		awaitStreamFlowing();
		// with nothing sent for a moment every poll waits, on one instance or the other, so the
		// kill catches some of them waiting
		sender.pause();
		await("every tab's poll waiting").atMost(Duration.ofSeconds(10))
			.until(() -> tabs.stream().allMatch((tab) -> tab.waitingFor().compareTo(Duration.ofMillis(1000)) > 0));

		Instant killed = Instant.now();
		webchat.killChatInstance(0);
		Instant dead = Instant.now();
		sender.resume();

		HttpResponse<String> registered = calls.call("register", () -> bob.postJson("/api/chat/clients", ""));
		assertThat(registered.statusCode()).as("a registration after the kill: %s", registered.body()).isEqualTo(201);
		Duration whileDown = firstDeliverySince("chat instance down", killed);
		String clientId = GatewayUser.JSON.readTree(registered.body()).get("clientId").asString();
		assertThat(calls.call("close", () -> bob.delete("/api/chat/clients/" + clientId)).statusCode()).isEqualTo(204);

		webchat.restartChatInstance(0);
		Instant back = Instant.now();
		Duration recovery = firstDeliverySince("chat instance back", back);

		System.out.printf("chaos: chat instance killed: first send delivered %.1f s after the kill; "
				+ "started again in %.1f s; first send delivered %.1f s after it was back%n", seconds(whileDown),
				seconds(Duration.between(dead, back)), seconds(recovery));
		// the gateway tries a refused instance's calls on the other one: nobody is asked to retry
		assertThat(calls.since(dead))
			.as("sends and registrations after the kill, answered at once")
			.filteredOn((call) -> call.what().startsWith("send") || call.what().equals("probe")
					|| call.what().equals("register"))
			.isNotEmpty()
			.allSatisfy((call) -> assertThat(call.status()).as(call.toString()).isBetween(200, 299));
		assertEverythingSoFar(from);
	}

	@Test
	@Order(2)
	void redisKilledAndStartedAgainLosesNothingAndRefusalsComeAtOnce() {
		Instant from = Instant.now();
		awaitStreamFlowing();
		Tab tab = tabs.getFirst();

		Instant killed = Instant.now();
		webchat.killRedis();

		String refusedText = TEXT_PREFIX + "sent while Redis was down";
		assertRefusedAtOnce("refused send", () -> alice.postJson("/api/chat/messages",
				GatewayUser.messageJson(bobId, "single", refusedText, "refused-" + RUN)));
		assertRefusedAtOnce("refused poll", () -> bob.get(tab.client.eventsPath(25)));
		assertRefusedAtOnce("refused unread", () -> bob.get("/api/chat/unread"));
		assertThat(calls.call("page", () -> alice.get("/")).statusCode()).as("the page, for a user the gateways know")
			.isEqualTo(200);

		webchat.startRedisAgain();
		Instant back = Instant.now();
		Duration recovery = firstDeliverySince("Redis back", back);

		System.out.printf("chaos: redis-server killed: down %.1f s; first send delivered %.1f s after it answered again%n",
				seconds(Duration.between(killed, back)), seconds(recovery));
		assertThat(historyTexts()).as("the refused send was not stored").doesNotContain(refusedText);
		assertEverythingSoFar(from);
	}

	@Test
	@Order(3)
	void theDatabaseCutOffRefusesAccountCallsAtOnceWhileChatGoesOn() {
		Instant from = Instant.now();
		awaitStreamFlowing();

		Instant cut = Instant.now();
		webchat.cutDatabase();

		assertRefusedAtOnce("refused account", () -> alice.get("/api/accounts/me"));
		Duration whileDown = firstDeliverySince("database cut off", cut);
		assertThat(calls.call("unread", () -> bob.get("/api/chat/unread")).statusCode()).isEqualTo(200);

		webchat.restoreDatabase();
		Instant back = Instant.now();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> calls.call("account", () -> alice.get("/api/accounts/me")).statusCode() == 200);
		Duration accountsBack = Duration.between(back, Instant.now());
		Duration recovery = firstDeliverySince("database back", back);

		System.out.printf("chaos: database cut off: first send delivered %.1f s after the cut; account calls "
				+ "answered again %.1f s after it was back, a send delivered %.1f s after%n", seconds(whileDown),
				seconds(accountsBack), seconds(recovery));
		assertEverythingSoFar(from);
	}

	@Test
	@Order(4)
	void accountServiceKilledLoggedInUsersChatOnAndLoginsWaitUntilItIsBack() {
		Instant from = Instant.now();
		awaitStreamFlowing();

		Instant killed = Instant.now();
		webchat.killAccountService();
		Instant dead = Instant.now();

		assertRefusedAtOnce("refused account", () -> alice.get("/api/accounts/me"));
		assertRefusedAtOnce("refused login", () -> GatewayUser.anonymous(webchat.gatewayUrl())
			.postJsonWithoutCsrfHeader("/api/session", "{\"username\":\"carol\",\"password\":\"carol-secret\"}"));
		Duration whileDown = firstDeliverySince("account-service down", killed);
		assertThat(calls.call("history", () -> bob.get("/api/chat/conversations/single:" + aliceId + "/messages"))
			.statusCode()).isEqualTo(200);
		assertThat(calls.call("unread", () -> bob.get("/api/chat/unread")).statusCode()).isEqualTo(200);

		webchat.restartAccountService();
		Instant back = Instant.now();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> calls.call("login", () -> GatewayUser.anonymous(webchat.gatewayUrl())
				.postJsonWithoutCsrfHeader("/api/session", "{\"username\":\"carol\",\"password\":\"carol-secret\"}"))
				.statusCode() == 200);
		Duration loginsBack = Duration.between(back, Instant.now());
		assertThat(calls.call("account", () -> alice.get("/api/accounts/me")).statusCode()).isEqualTo(200);
		Duration recovery = firstDeliverySince("account-service back", back);

		System.out.printf("chaos: account-service killed: first send delivered %.1f s after the kill; started again "
				+ "in %.1f s; first login %.1f s and a send delivered %.1f s after it was back%n", seconds(whileDown),
				seconds(Duration.between(dead, back)), seconds(loginsBack), seconds(recovery));
		assertEverythingSoFar(from);
	}

	@Test
	@Order(5)
	void aGatewayKilledItsSessionsGoOnThroughTheOther() {
		Instant from = Instant.now();
		awaitStreamFlowing();
		String alicesSession = alice.cookie("WEBCHAT_SESSION").orElseThrow();
		String bobsSession = bob.cookie("WEBCHAT_SESSION").orElseThrow();

		killedGateways.add(secondGateway);
		Instant killed = Instant.now();
		webchat.killSecondGateway();

		Duration recovery = firstDeliverySince("a gateway killed", killed);
		HttpResponse<String> history = calls.call("history",
				() -> bob.get("/api/chat/conversations/single:" + aliceId + "/messages"));
		assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
		Instant afterwards = Instant.now();
		awaitStreamFlowing();

		System.out.printf("chaos: a gateway killed: first send delivered through the other %.1f s after the kill%n",
				seconds(recovery));
		assertThat(calls.since(afterwards)).as("calls through the other gateway since")
			.anySatisfy((call) -> assertThat(call.what()).endsWith("poll"))
			.anySatisfy((call) -> assertThat(call.what()).isEqualTo("send"));
		assertThat(alice.cookie("WEBCHAT_SESSION")).as("Alice's session, not a new one").hasValue(alicesSession);
		assertThat(bob.cookie("WEBCHAT_SESSION")).as("Bob's session, not a new one").hasValue(bobsSession);
		assertEverythingSoFar(from);
	}

	@Test
	@Order(6)
	void everyAcceptedSendIsOnEveryTabAndOnBobsScreenExactlyOnce() {
		sender.stop();
		assertThat(sender.failure).as("the stream of sends").isNull();
		Map<Long, Sent> sent = accepted.values().stream().collect(Collectors.toMap(Sent::id, Function.identity()));
		assertThat(sent).as("sends accepted").hasSizeGreaterThan(100);

		awaitOnEveryTab(sent.keySet());
		tabs.forEach(Tab::stop);
		for (Tab tab : tabs) {
			assertThat(tab.timesReceived()).as("%s: every accepted message once, and nothing else", tab.name)
				.containsOnlyKeys(sent.keySet())
				.allSatisfy((id, times) -> assertThat(times).as("message %d", id).isOne());
		}

		Set<String> texts = sent.values().stream().map(Sent::text).collect(Collectors.toSet());
		new WebDriverWait(bobsPage.driver(), ON_SCREEN_WITHIN).until((driver) -> onBobsScreen().stream()
			.map(Map.Entry::getValue)
			.collect(Collectors.toSet())
			.containsAll(texts));
		List<Map.Entry<Long, String>> screen = onBobsScreen();
		assertThat(screen.stream().map(Map.Entry::getKey)).as("on Bob's screen: every message once")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(sent.keySet());
		assertThat(screen.stream().map(Map.Entry::getValue)).as("on Bob's screen: every text once")
			.containsExactlyInAnyOrderElementsOf(texts);
		assertThat(screen).as("on Bob's screen: each under the id it was stored with")
			.allSatisfy((shown) -> assertThat(sent.get(shown.getKey()).text()).isEqualTo(shown.getValue()));

		assertThat(historyTexts()).as("history: every accepted message once, in the order of its seq")
			.containsExactlyElementsOf(sent.values()
				.stream()
				.sorted((a, b) -> Long.compare(a.seq(), b.seq()))
				.map(Sent::text)
				.toList());

		System.out.printf("chaos: %d messages accepted, each on both tabs and on Bob's screen once; the run took %.1f s%n",
				sent.size(), seconds(Duration.between(runStarted, Instant.now())));
		assertThat(Problem.since(runStarted)).isEmpty();
		calls.assertUsersGotOnlyAnswersToActOn(runStarted, killedGateways);
	}

	/**
	 * Sends a message every 100 ms (the same clientMessageId each time) until one is stored, and
	 * waits until both of Bob's tabs have it: how long that took from {@code from}.
	 */
	private static Duration firstDeliverySince(String what, Instant from) {
		String slug = what.replaceAll("[^a-z]+", "-");
		Sent probe = sendUntilStored("probe", TEXT_PREFIX + "probe: " + what, "probe-" + RUN + "-" + slug,
				(answer) -> Duration.ofMillis(100));
		await("a probe sent as " + what + " on both tabs").atMost(DELIVERED_WITHIN)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> tabs.stream().allMatch((tab) -> tab.firstSeen.containsKey(probe.id())));
		Instant delivered = tabs.stream().map((tab) -> tab.firstSeen.get(probe.id())).max(Instant::compareTo).orElseThrow();
		return Duration.between(from, delivered);
	}

	/**
	 * Sends until the message is stored (201, or 200 for a retry the server had stored already),
	 * with the same clientMessageId every time: after a 503 when {@code pause} says, after no
	 * answer from a gateway at once (the next one is asked). Null if it was refused otherwise
	 * (the call's answer is recorded) or not stored within a minute.
	 */
	private static Sent sendUntilStored(String what, String text, String clientMessageId,
			Function<HttpResponse<String>, Duration> pause) {
		String json = GatewayUser.messageJson(bobId, "single", text, clientMessageId);
		Instant deadline = Instant.now().plus(STORED_WITHIN);
		while (Instant.now().isBefore(deadline)) {
			HttpResponse<String> answer;
			try {
				answer = calls.call(what, () -> alice.postJson("/api/chat/messages", json));
			}
			catch (GatewayUnreachable ex) {
				continue;
			}
			if (answer.statusCode() == 200 || answer.statusCode() == 201) {
				JsonNode stored = GatewayUser.JSON.readTree(answer.body());
				Sent message = new Sent(stored.get("id").asLong(), stored.get("seq").asLong(), text, clientMessageId);
				Sent before = accepted.putIfAbsent(clientMessageId, message);
				if (before != null && before.id() != message.id()) {
					Problem.report("%s stored twice: as %d and as %d".formatted(clientMessageId, before.id(), message.id()));
				}
				return message;
			}
			if (answer.statusCode() != 503) {
				Problem.report("%s of %s refused: %d %s".formatted(what, clientMessageId, answer.statusCode(), answer.body()));
				return null;
			}
			sleep(pause.apply(answer));
		}
		Problem.report("%s of %s not stored within %s".formatted(what, clientMessageId, STORED_WITHIN));
		return null;
	}

	/** As the page waits before sending again: the answer's Retry-After (seconds). */
	private static Duration retryAfter(HttpResponse<String> answer) {
		return Duration.ofSeconds(answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
	}

	/** Until a few more sends were stored and delivered to both tabs: the stream runs. */
	private static void awaitStreamFlowing() {
		int before = accepted.size();
		await("the stream of sends").atMost(DELIVERED_WITHIN).until(() -> accepted.size() >= before + 5);
		awaitOnEveryTab(accepted.values().stream().map(Sent::id).toList());
	}

	private static void awaitOnEveryTab(Collection<Long> ids) {
		await("every accepted message on both tabs").atMost(DELIVERED_WITHIN)
			.until(() -> tabs.stream().allMatch((tab) -> tab.firstSeen.keySet().containsAll(ids)));
	}

	/**
	 * What must hold after every fault: the messages accepted so far are on both tabs, none twice;
	 * nothing stored twice; every call since {@code from} answered as a user can act on.
	 */
	private static void assertEverythingSoFar(Instant from) {
		Set<Long> ids = accepted.values().stream().map(Sent::id).collect(Collectors.toSet());
		awaitOnEveryTab(ids);
		for (Tab tab : tabs) {
			assertThat(tab.timesReceived()).as("%s: no message twice", tab.name)
				.allSatisfy((id, times) -> assertThat(times).as("message %d", id).isOne());
		}
		assertThat(Problem.since(from)).isEmpty();
		calls.assertUsersGotOnlyAnswersToActOn(from, killedGateways);
	}

	/** A 503 with Retry-After and a problem document, within the grace a refusal has. */
	private static void assertRefusedAtOnce(String what, Supplier<HttpResponse<String>> request) {
		long start = System.nanoTime();
		HttpResponse<String> answer = calls.call(what, request);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).as(what).isPresent();
		assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
		assertThat(took).as(what).isLessThanOrEqualTo(RecordedCalls.GRACE);
	}

	/** The texts of this run in Bob's history of his conversation with Alice, oldest first. */
	private static List<String> historyTexts() {
		List<String> texts = new ArrayList<>();
		String path = "/api/chat/conversations/single:" + aliceId + "/messages?limit=100";
		String before = "";
		while (true) {
			String page = path + before;
			HttpResponse<String> answer = calls.call("history", () -> bob.get(page));
			assertThat(answer.statusCode()).as("GET %s: %s", page, answer.body()).isEqualTo(200);
			JsonNode body = GatewayUser.JSON.readTree(answer.body());
			List<String> ofThisRun = new ArrayList<>();
			for (JsonNode message : body.get("messages")) {
				if (message.get("msg").asString().startsWith(TEXT_PREFIX)) {
					ofThisRun.add(message.get("msg").asString());
				}
			}
			texts.addAll(0, ofThisRun);
			boolean pastTheRunsFirst = ofThisRun.isEmpty() && !texts.isEmpty();
			if (pastTheRunsFirst || !body.path("hasMore").asBoolean(false) || body.get("messages").isEmpty()) {
				return texts;
			}
			before = "&before=" + body.get("messages").get(0).get("seq").asLong();
		}
	}

	/** The messages of this run on Bob's screen, top to bottom: id and text. */
	private static List<Map.Entry<Long, String>> onBobsScreen() {
		@SuppressWarnings("unchecked")
		List<List<Object>> shown = (List<List<Object>>) bobsPage.driver().executeScript("""
				return Array.from(document.querySelectorAll('#messages .message[data-message-id]'))
				  .map((node) => [node.dataset.messageId, node.querySelector('.message-text').textContent]);""");
		return shown.stream()
			.filter((message) -> ((String) message.get(1)).startsWith(TEXT_PREFIX))
			.map((message) -> Map.entry(Long.parseLong((String) message.get(0)), (String) message.get(1)))
			.toList();
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Alice sending to Bob until stopped: a message every {@link #SEND_INTERVAL}, each until it
	 * is stored, and every tenth once more with its clientMessageId, as after a lost answer.
	 */
	private static final class Sender {

		private volatile boolean stopped;

		private volatile boolean paused;

		private volatile String failure;

		private Thread thread;

		void start() {
			this.thread = Thread.ofPlatform().daemon().name("chaos-sender").start(this::sendUntilStopped);
		}

		/** No new message until {@link #resume()}; the one being sent is sent still. */
		void pause() {
			this.paused = true;
		}

		void resume() {
			this.paused = false;
		}

		private void sendUntilStopped() {
			try {
				for (int n = 1; !this.stopped; n++) {
					while (this.paused && !this.stopped) {
						sleep(Duration.ofMillis(10));
					}
					String clientMessageId = "chaos-" + RUN + "-" + n;
					Sent message = sendUntilStored("send", TEXT_PREFIX + "#" + n, clientMessageId, ChaosIT::retryAfter);
					if (message != null && n % 10 == 0) {
						sendUntilStored("send again", message.text(), clientMessageId, ChaosIT::retryAfter);
					}
					sleep(SEND_INTERVAL);
				}
			}
			catch (RuntimeException | AssertionError ex) {
				this.failure = ex.toString();
			}
		}

		/** Stops after the message being sent is stored. */
		void stop() {
			this.stopped = true;
			try {
				this.thread.join(STORED_WITHIN.plusSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** One of Bob's tabs at the API, polling until stopped, and every batch it was answered. */
	private static final class Tab {

		private final String name;

		private final ChatClient client;

		private final int timeoutSeconds;

		/** The message ids in each batch, by batch id: a batch answered again counts once. */
		private final Map<String, List<Long>> batches = new ConcurrentHashMap<>();

		private final Map<Long, Instant> firstSeen = new ConcurrentHashMap<>();

		private volatile boolean stopped;

		/** When the poll under way started (System.nanoTime()), or 0. */
		private volatile long polling;

		private Thread thread;

		Tab(String name, ChatClient client, int timeoutSeconds) {
			this.name = name;
			this.client = client;
			this.timeoutSeconds = timeoutSeconds;
		}

		void start() {
			this.thread = Thread.ofPlatform().daemon().name("chaos-" + this.name.replace(' ', '-')).start(this::pollUntilStopped);
		}

		private void pollUntilStopped() {
			while (!this.stopped) {
				HttpResponse<String> answer;
				this.polling = System.nanoTime();
				try {
					answer = calls.call(this.name + " poll", Duration.ofSeconds(this.timeoutSeconds),
							() -> this.client.pollAndWait(this.timeoutSeconds));
				}
				catch (GatewayUnreachable ex) {
					// the same poll, with the same ack, through the next gateway
					continue;
				}
				finally {
					this.polling = 0;
				}
				if (answer.statusCode() == 200) {
					record(this.client.accept(answer));
				}
				else {
					sleep((answer.statusCode() == 503) ? retryAfter(answer) : Duration.ofSeconds(1));
				}
			}
		}

		private void record(ChatClient.Batch batch) {
			if (batch.resync()) {
				Problem.report(this.name + " was told to resync: its inbox overflowed");
			}
			if (batch.batchId() == null) {
				return;
			}
			List<Long> ids = batch.messages().stream().map((message) -> message.get("id").asLong()).toList();
			if (this.batches.putIfAbsent(batch.batchId(), ids) == null) {
				Instant now = Instant.now();
				ids.forEach((id) -> this.firstSeen.putIfAbsent(id, now));
			}
		}

		/** How long the poll under way has waited so far; zero between polls. */
		Duration waitingFor() {
			long started = this.polling;
			return (started == 0) ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
		}

		/** How often each message came, counting a batch answered again once. */
		Map<Long, Integer> timesReceived() {
			Map<Long, Integer> times = new HashMap<>();
			this.batches.values().forEach((ids) -> ids.forEach((id) -> times.merge(id, 1, Integer::sum)));
			return times;
		}

		void stop() {
			this.stopped = true;
			try {
				if (this.thread != null) {
					this.thread.join(Duration.ofSeconds(this.timeoutSeconds + 35L));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
