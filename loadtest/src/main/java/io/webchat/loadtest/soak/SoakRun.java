package io.webchat.loadtest.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import io.webchat.launcher.WebchatSettings;
import io.webchat.launcher.WebchatSystem;
import io.webchat.loadtest.DeliveryBenchmark;
import io.webchat.loadtest.client.DeliveryTracker;
import io.webchat.loadtest.client.HttpConnections;
import io.webchat.loadtest.client.MessagePlan;
import io.webchat.loadtest.client.OpenLoopSends;
import io.webchat.loadtest.client.PollLoop;
import io.webchat.loadtest.client.SimulatedClient;
import io.webchat.loadtest.fixture.BulkFixture;
import io.webchat.loadtest.measure.SystemProcesses;
import io.webchat.loadtest.redis.BenchmarkRedis;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The soak: webchat as the benchmark runs it (gateway, chat instances, account-service on
 * MariaDB, a Redis of its own), for half an hour at a moderate rate, with users who keep a page
 * open all along and users who come and go — log in, read a conversation, chat a little, then
 * either leave (close the client, log out) or vanish (the connection dropped, nothing said). Every
 * {@code --report-seconds} each process's heap after a full collection, resident memory and open
 * files, and Redis's memory and key count are printed; at the end the run fails if any of them
 * grows steadily once the system has settled ({@link Trend}), or if a message owed to a user who
 * stayed did not arrive exactly once. See docs/performance.md.
 */
public final class SoakRun {

	/**
	 * What webchat keeps by design for a bounded time or up to a cap, scaled down so that it
	 * levels off within the run: a client that stopped polling (10 min by default), a sent
	 * message's id (1 h), each conversation's history (10,000 messages, which 20 msg/s over 2,000
	 * conversations would take 11 days to fill). Whatever still grows after that is a leak.
	 */
	private static final Map<String, String> BOUNDED_RETENTION = Map.of("CHAT_CLIENT_TTL", "5m",
			"CHAT_CLIENT_MESSAGE_ID_TTL", "5m", "CHAT_HISTORY_CAP", "5");

	private final SoakOptions options;

	/** Copies owed to the users who stay: every one must arrive, once. */
	private final DeliveryTracker owed = new DeliveryTracker();

	/** What users who come and go receive: they may be away, so nothing is checked. */
	private final DeliveryTracker unchecked = new DeliveryTracker();

	private final DeliveryTracker.Phase phase = new DeliveryTracker.Phase("soak");

	private final AtomicLong numbers = new AtomicLong();

	private final PollLoop stayingPolls = new PollLoop();

	private final PollLoop churningPolls = new PollLoop();

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong joins = new AtomicLong();

	private final AtomicLong leaves = new AtomicLong();

	private final AtomicLong vanishes = new AtomicLong();

	private final AtomicLong online = new AtomicLong();

	private final Map<String, AtomicLong> churnErrors = new ConcurrentHashMap<>();

	private final List<Sample> samples = new ArrayList<>();

	private SoakRun(SoakOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		SoakOptions options = SoakOptions.parse(List.of(args));
		boolean passed = new SoakRun(options).run(("./loadtest.sh --soak " + String.join(" ", args)).strip());
		System.exit(passed ? 0 : 4);
	}

	private boolean run(String command) throws Exception {
		SoakOptions o = this.options;
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		DeliveryBenchmark.log("webchat soak: %d min, %,d users (1 in %d comes and goes), %.0f msg/s one-to-one, "
				+ "a group message every %d s", o.duration().toMinutes(), o.users(), o.churnEvery(), o.rate(),
				o.groupEvery().toSeconds());
		Path work = o.root().resolve("loadtest/target/soak");
		try (BenchmarkRedis redis = BenchmarkRedis.start(o.redisPort(), 10_000, work.resolve("redis"))) {
			BulkFixture fixture = new BulkFixture(o.mysqlServer(), o.database(), "root", "");
			fixture.create(o.root().resolve("account-service/target/classes/db/migration"), o.users(), o.friendsPerSide(),
					o.groupSize());
			Map<String, String> environment = new HashMap<>(DeliveryBenchmark.SERVICE_ENVIRONMENT);
			environment.putAll(BOUNDED_RETENTION);
			environment.put("SESSION_TIMEOUT", o.sessionTimeout().toSeconds() + "s");
			WebchatSettings settings = new WebchatSettings(o.root(), redis.url(), fixture.accountServiceEnvironment(),
					o.gatewayPort(), o.accountPort(), o.chatPorts(), work, false, environment)
				.withCopiedJars();
			try (WebchatSystem system = WebchatSystem.start(settings); AutoCloseable stop = system::kill) {
				SystemProcesses processes = SystemProcesses.webchat(redis.pid(), o.gatewayPort(), o.accountPort(),
						o.chatPorts());
				DeliveryBenchmark.log("webchat started: %s (logs in %s)", processes.pids(), work.resolve("logs"));
				HttpConnections gateway = new HttpConnections(system.gatewayUrl());
				try {
					soak(gateway, processes, redis);
				}
				finally {
					this.running.set(false);
					this.threads.shutdownNow();
					gateway.close();
				}
			}
		}
		return report(started, command);
	}

	private void soak(HttpConnections gateway, SystemProcesses processes, BenchmarkRedis redis) throws Exception {
		SoakOptions o = this.options;
		List<SimulatedClient> staying = new ArrayList<>();
		List<SimulatedClient> churning = new ArrayList<>();
		for (long id = 1; id <= o.users(); id++) {
			(o.churns(id) ? churning : staying).add(new SimulatedClient(id));
		}
		logInAndRegister(staying, gateway);
		DeliveryBenchmark.log("%,d users who stay logged in and registered; %,d come and go", staying.size(),
				churning.size());
		for (SimulatedClient client : staying) {
			this.threads.execute(() -> this.stayingPolls.run(client, gateway, o.pollTimeoutSeconds(), this.owed,
					this.running::get));
		}
		for (SimulatedClient client : churning) {
			this.threads.execute(() -> comeAndGo(client, gateway));
		}

		Map<Long, SimulatedClient> stayingById = new HashMap<>();
		staying.forEach((client) -> stayingById.put(client.userId(), client));
		long start = System.nanoTime();
		OpenLoopSends sends = new OpenLoopSends(this.owed);
		// each sender paces itself on a platform thread of its own, as the benchmark's does
		ExecutorService pacers = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("pacer-", 0).factory());
		CompletableFuture<?> oneToOne = CompletableFuture.runAsync(() -> sends.run(this.phase, o.rate(), o.duration(),
				oneToOneBetweenFriends(staying), this.numbers, (number, planned, answer) -> transmit(stayingById, gateway,
						number, planned, answer)), pacers);
		CompletableFuture<?> group = CompletableFuture.runAsync(() -> sends.run(this.phase,
				1.0 / o.groupEvery().toSeconds(), o.duration(), toTheGroup(staying), this.numbers,
				(number, planned, answer) -> transmit(stayingById, gateway, number, planned, answer)), pacers);
		long next = start;
		while (System.nanoTime() - start < o.duration().toNanos()) {
			next += o.reportEvery().toNanos();
			Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
			Sample sample = Sample.take((System.nanoTime() - start) / 60e9, processes, redis);
			this.samples.add(sample);
			DeliveryBenchmark.log("%s | %s", sample.describe(), traffic());
		}
		CompletableFuture.allOf(oneToOne, group).join();
		pacers.shutdown();
		long drainUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while ((sends.inFlight() > 0 || this.owed.missing(this.phase) > 0) && System.nanoTime() < drainUntil) {
			Thread.sleep(500);
		}
		DeliveryBenchmark.log("traffic over: %s", traffic());
	}

	/**
	 * One user who comes and goes, for as long as the soak runs: logs in, registers a client,
	 * opens a conversation, polls and writes to a friend or two for half a minute to three, then
	 * leaves or vanishes (even odds), and is away for ten seconds to a minute.
	 */
	private void comeAndGo(SimulatedClient client, HttpConnections gateway) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long[] friends = BulkFixture.friendsOf(client.userId(), this.options.users(), this.options.friendsPerSide());
		pause(random.nextLong(0, 60_000));
		while (this.running.get()) {
			try {
				client.logIn(gateway);
				client.register(gateway);
				client.openConversation(gateway, friends[random.nextInt(friends.length)]);
				this.joins.incrementAndGet();
				this.online.incrementAndGet();
				AtomicBoolean here = new AtomicBoolean(true);
				CompletableFuture<?> polling = CompletableFuture.runAsync(() -> this.churningPolls.run(client, gateway,
						this.options.pollTimeoutSeconds(), this.unchecked, () -> here.get() && this.running.get()),
						this.threads);
				long stay = random.nextLong(30_000, 180_000);
				int messages = random.nextInt(1, 4);
				for (int i = 0; i < messages && this.running.get(); i++) {
					pause(stay / (messages + 1));
					long friend = friends[random.nextInt(friends.length)];
					sendOwed(client, gateway, friend);
				}
				pause(stay / (messages + 1));
				here.set(false);
				// a poll started just before may open its connection after the first close
				while (!polling.isDone() && this.running.get()) {
					client.closePoll();
					pause(100);
				}
				this.online.decrementAndGet();
				if (random.nextBoolean()) {
					client.leave(gateway);
					this.leaves.incrementAndGet();
				}
				else {
					client.vanish();
					this.vanishes.incrementAndGet();
				}
			}
			catch (IOException | RuntimeException ex) {
				if (!this.running.get()) {
					return;
				}
				this.churnErrors.computeIfAbsent(ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage()),
						(k) -> new AtomicLong()).incrementAndGet();
				client.vanish();
			}
			pause(random.nextLong(10_000, 60_000));
		}
	}

	/** A message from a user who comes and goes to a friend, who always stays: owed, and checked. */
	private void sendOwed(SimulatedClient sender, HttpConnections gateway, long friend) throws IOException {
		long number = this.numbers.incrementAndGet();
		long due = System.nanoTime();
		this.owed.expect(number, this.phase, due, new long[] { friend });
		this.phase.sent.incrementAndGet();
		int status = sender.send(gateway, "single", friend, number);
		if (status == 201) {
			this.owed.accepted(number);
			this.phase.send.recordNanos(System.nanoTime() - due);
		}
		else {
			this.phase.error("HTTP " + status);
		}
	}

	private void transmit(Map<Long, SimulatedClient> staying, HttpConnections gateway, long number,
			MessagePlan.Planned planned, OpenLoopSends.Answer answer) {
		SimulatedClient sender = staying.get(planned.sender());
		this.threads.execute(() -> {
			try {
				int status = sender.send(gateway, planned.type(), planned.to(), number);
				if (status == 201) {
					answer.accepted();
				}
				else {
					answer.failed("HTTP " + status);
				}
			}
			catch (IOException | RuntimeException ex) {
				answer.failed(ex.getClass().getSimpleName());
			}
		});
	}

	/** A user who stays writes to a random friend; a copy is owed only if that friend stays too. */
	private MessagePlan oneToOneBetweenFriends(List<SimulatedClient> staying) {
		return () -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			long sender = staying.get(random.nextInt(staying.size())).userId();
			long[] friends = BulkFixture.friendsOf(sender, this.options.users(), this.options.friendsPerSide());
			long to = friends[random.nextInt(friends.length)];
			return new MessagePlan.Planned(sender, "single", to,
					this.options.churns(to) ? new long[0] : new long[] { to });
		};
	}

	/** A member who stays writes to the group; every other member who stays is owed a copy. */
	private MessagePlan toTheGroup(List<SimulatedClient> staying) {
		long[] stayingMembers = LongStream.rangeClosed(1, this.options.groupSize())
			.filter((id) -> !this.options.churns(id))
			.toArray();
		return () -> {
			long sender = stayingMembers[ThreadLocalRandom.current().nextInt(stayingMembers.length)];
			return new MessagePlan.Planned(sender, "group", BulkFixture.GROUP_ID,
					LongStream.of(stayingMembers).filter((id) -> id != sender).toArray());
		};
	}

	private void logInAndRegister(List<SimulatedClient> clients, HttpConnections gateway) {
		Semaphore permits = new Semaphore(16);
		List<CompletableFuture<Void>> calls = new ArrayList<>();
		for (SimulatedClient client : clients) {
			permits.acquireUninterruptibly();
			calls.add(CompletableFuture.runAsync(() -> {
				try {
					client.logIn(gateway);
					client.register(gateway);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
				finally {
					permits.release();
				}
			}, this.threads));
		}
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
	}

	private String traffic() {
		return String.format(Locale.ROOT,
				"sent %,d, refused %,d, copies owed %,d, arrived %,d, twice %,d | online who come and go %,d "
						+ "(joined %,d, left %,d, vanished %,d, errors %s) | polls failed %,d + %,d",
				this.phase.sent.get(), this.phase.sendErrors.get(), this.owed.expected(this.phase),
				this.phase.deliveries.get(), this.phase.duplicates.get(), this.online.get(), this.joins.get(),
				this.leaves.get(), this.vanishes.get(), this.churnErrors, this.stayingPolls.pollErrors(),
				this.churningPolls.pollErrors());
	}

	private boolean report(Instant started, String command) throws IOException {
		SoakOptions o = this.options;
		double from = o.settledAfter().toSeconds() / 60.0;
		List<Trend> trends = Sample.trends(this.samples, from);
		long missing = this.owed.missing(this.phase);
		long sent = this.phase.sent.get();
		long refused = this.phase.sendErrors.get();
		boolean leaking = trends.stream().anyMatch(Trend::leaking);
		boolean lost = missing > 0 || this.phase.duplicates.get() > 0 || this.owed.unexpected() > 0;
		// a moderate rate must not be shed: more than one send in a hundred refused is a failure too
		boolean refusing = refused * 100 > sent;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("startedAt", started.toString());
		result.put("command", command);
		result.put("options", Map.of("minutes", o.duration().toMinutes(), "users", o.users(), "churnEvery",
				o.churnEvery(), "rate", o.rate(), "groupEverySeconds", o.groupEvery().toSeconds(), "groupSize",
				o.groupSize(), "chatInstances", o.chatInstances(), "sessionTimeoutMinutes",
				o.sessionTimeout().toMinutes(), "settledAfterMinutes", from));
		result.put("delivery", Map.of("sent", sent, "refused", refused, "refusedKinds", this.phase.errorKinds,
				"copiesOwed", this.owed.expected(this.phase), "arrived", this.phase.deliveries.get(), "missing", missing,
				"twice", this.phase.duplicates.get(), "unexpected", this.owed.unexpected()));
		result.put("churn", Map.of("joined", this.joins.get(), "left", this.leaves.get(), "vanished",
				this.vanishes.get(), "errors", this.churnErrors));
		result.put("samples", this.samples);
		result.put("trends", trends);
		result.put("passed", !leaking && !lost && !refusing);
		Files.createDirectories(o.results());
		Files.writeString(o.results().resolve("soak-latest.json"),
				JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(result));
		String markdown = SoakReport.render(command, started, this.samples, trends, result);
		Files.writeString(o.results().resolve("soak-latest.md"), markdown);
		System.out.println();
		System.out.println(markdown);
		return !leaking && !lost && !refusing;
	}

	private static String firstLine(String message) {
		return (message == null) ? "" : message.lines().findFirst().orElse("");
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
