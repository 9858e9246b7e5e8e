package io.webchat.loadtest.flood;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.webchat.launcher.WebchatSettings;
import io.webchat.launcher.WebchatSystem;
import io.webchat.loadtest.DeliveryBenchmark;
import io.webchat.loadtest.fixture.BulkFixture;
import io.webchat.loadtest.measure.JvmHeap;
import io.webchat.loadtest.measure.ProcessStats;
import io.webchat.loadtest.measure.SystemProcesses;
import io.webchat.loadtest.redis.BenchmarkRedis;

/**
 * The overload run ({@code ./loadtest.sh --flood}): webchat as the run command starts it (the
 * launcher's JVM options), a few thousand logged-in users long-polling, one real pair of users
 * chatting, and then a flood of connections that send nothing or their headers a byte a second,
 * from worker processes ({@link UnwantedConnections}), so that with the users about 20,000
 * connections are attempted at once and kept up for as long as the flood lasts. Every few
 * seconds it prints the gateway's resident memory, open descriptors and heap after a full
 * collection, how the unwanted connections were turned away and how fast, and whether the real
 * user's messages went through. Exits non-zero when the gateway died or ran out of memory, or
 * when a message of the real user was not accepted or not delivered. See docs/faults.md.
 */
public final class ConnectionFlood {

	private static final Pattern LOWERED = Pattern.compile("max-connections lowered from (\\d+) to (\\d+)");

	private final Options options;

	private final AtomicBoolean flooding = new AtomicBoolean();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<Integer, Map<String, Long>> workerStats = new ConcurrentHashMap<>();

	private final List<Long> workerConnectP99 = new CopyOnWriteArrayList<>();

	private final List<Long> workerConnectMax = new CopyOnWriteArrayList<>();

	private final List<Long> workerRefusedP99 = new CopyOnWriteArrayList<>();

	private final List<Long> workerRefusedMax = new CopyOnWriteArrayList<>();

	private final List<Long> workerCutMax = new CopyOnWriteArrayList<>();

	private final List<Long> workerCutP50 = new CopyOnWriteArrayList<>();

	private final AtomicLong pollsAnswered = new AtomicLong();

	private final AtomicLong pollsRefused = new AtomicLong();

	private final AtomicLong pollErrors = new AtomicLong();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong sendRetries = new AtomicLong();

	private final AtomicLong notAccepted = new AtomicLong();

	private final AtomicLong delivered = new AtomicLong();

	private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();

	private final List<Long> sendMillis = java.util.Collections.synchronizedList(new ArrayList<>());

	private final List<Long> deliveryMillis = java.util.Collections.synchronizedList(new ArrayList<>());

	private final AtomicLong liveHeap = new AtomicLong(-1);

	private final List<String> report = new ArrayList<>();

	private long maxRss;

	private int maxFds;

	private long maxHeap;

	private long maxDeliveryMillis;

	private long maxSendMillis;

	private ConnectionFlood(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("--worker")) {
			UnwantedConnections.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		Options options = Options.parse(args);
		boolean passed = new ConnectionFlood(options).run(("./loadtest.sh --flood " + String.join(" ", args)).strip());
		System.exit(passed ? 0 : 5);
	}

	private boolean run(String command) throws Exception {
		Options o = this.options;
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Path work = o.root().resolve("loadtest/target/flood");
		log("webchat connection flood: %,d long-polling users, %d worker(s) × (%,d silent + %,d slowloris) connections, "
				+ "%d s; %,d connections attempted at once", o.users(), o.workers(), o.silent(), o.slowloris(),
				o.floodSeconds(), o.users() + 4 + o.workers() * (o.silent() + o.slowloris()));
		try (BenchmarkRedis redis = BenchmarkRedis.start(o.redisPort(), 10_000, work.resolve("redis"))) {
			BulkFixture fixture = new BulkFixture(o.mysqlServer(), o.database(), "root", "");
			fixture.create(o.root().resolve("account-service/target/classes/db/migration"), o.users() + 2, 1, 2);
			List<Integer> chatPorts = List.of(o.gatewayPort() + 2);
			WebchatSettings settings = new WebchatSettings(o.root(), redis.url(), fixture.accountServiceEnvironment(),
					o.gatewayPort(), o.gatewayPort() + 1, chatPorts, work, false, DeliveryBenchmark.SERVICE_ENVIRONMENT)
				.withCopiedJars();
			try (WebchatSystem system = WebchatSystem.start(settings); AutoCloseable stop = system::kill) {
				SystemProcesses processes = SystemProcesses.webchat(redis.pid(), o.gatewayPort(), o.gatewayPort() + 1,
						chatPorts);
				long gateway = processes.pid("gateway").orElseThrow();
				log("webchat started: %s; gateway JVM options %s; %s", processes.pids(),
						String.join(" ", settings.jvmOptions("gateway")), connectionBound(work.resolve("logs")));
				try {
					flood(gateway);
				}
				finally {
					this.running.set(false);
					this.threads.shutdownNow();
				}
				return judge(gateway, work.resolve("logs"), started, command);
			}
		}
	}

	private void flood(long gateway) throws Exception {
		Options o = this.options;
		PageUser alice = new PageUser(1, o.gatewayPort());
		PageUser bob = new PageUser(2, o.gatewayPort());
		alice.logInAndRegister();
		bob.logInAndRegister();
		List<PageUser> users = new ArrayList<>();
		for (long id = 3; id < o.users() + 3; id++) {
			users.add(new PageUser(id, o.gatewayPort()));
		}
		long loginStart = System.nanoTime();
		Semaphore parallel = new Semaphore(32);
		List<java.util.concurrent.Future<?>> logins = new ArrayList<>();
		for (PageUser user : users) {
			logins.add(this.threads.submit(() -> {
				parallel.acquireUninterruptibly();
				try {
					user.logInAndRegister();
				}
				finally {
					parallel.release();
				}
				return null;
			}));
		}
		for (var login : logins) {
			login.get();
		}
		log("%,d users logged in and registered in %.1f s", users.size(), (System.nanoTime() - loginStart) / 1e9);
		for (PageUser user : users) {
			this.threads.execute(() -> pollAgainAndAgain(user));
		}
		this.threads.execute(() -> receive(bob));
		this.threads.execute(() -> sendEveryHalfSecond(alice, bob.userId()));
		this.threads.execute(() -> measureHeap(gateway));

		long start = System.nanoTime();
		reportUntil(gateway, start, Duration.ofSeconds(o.settleSeconds()), "before");
		this.flooding.set(true);
		List<Process> workers = startWorkers();
		reportUntil(gateway, start, Duration.ofSeconds(o.settleSeconds() + o.floodSeconds() + o.rampSeconds()),
				"flood");
		for (Process worker : workers) {
			if (!worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				worker.destroyForcibly();
			}
		}
		this.flooding.set(false);
		reportUntil(gateway, start,
				Duration.ofSeconds(o.settleSeconds() + o.floodSeconds() + o.rampSeconds() + o.settleSeconds() + 10),
				"after");
		this.running.set(false);
		long drainUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.delivered.get() < this.accepted.get() && System.nanoTime() < drainUntil) {
			Thread.sleep(200);
		}
	}

	private List<Process> startWorkers() throws IOException {
		Options o = this.options;
		String jar = System.getProperty("java.class.path");
		List<Process> workers = new ArrayList<>();
		for (int i = 0; i < o.workers(); i++) {
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
					"-XX:+ExitOnOutOfMemoryError", "-jar", jar, "--flood", "--worker",
					Integer.toString(o.gatewayPort()), Integer.toString(o.silent()), Integer.toString(o.slowloris()),
					Integer.toString(o.rampSeconds()), Integer.toString(o.floodSeconds() + o.rampSeconds()));
			Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
			int index = i;
			this.threads.execute(() -> readWorker(index, worker));
			workers.add(worker);
		}
		return workers;
	}

	private void readWorker(int index, Process worker) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith(UnwantedConnections.STATS_PREFIX)) {
					Map<String, Long> stats = UnwantedConnections.parse(line);
					this.workerStats.put(index, stats);
					if (stats.get("connectMax") >= 0) {
						this.workerConnectP99.add(stats.get("connectP99"));
						this.workerConnectMax.add(stats.get("connectMax"));
					}
					if (stats.get("refusedCount") > 0) {
						this.workerRefusedP99.add(stats.get("refusedP99"));
						this.workerRefusedMax.add(stats.get("refusedMax"));
					}
					if (stats.get("cutCount") > 0) {
						this.workerCutP50.add(stats.get("cutP50"));
						this.workerCutMax.add(stats.get("cutMax"));
					}
				}
				else {
					log("worker %d: %s", index + 1, line);
				}
			}
		}
		catch (IOException ex) {
			log("worker %d: %s", index + 1, ex);
		}
	}

	/** A user with the page open: a long poll always waiting, the next sent as soon as one is answered. */
	private void pollAgainAndAgain(PageUser user) {
		while (this.running.get()) {
			try {
				if (user.poll(25) != null) {
					this.pollsAnswered.incrementAndGet();
				}
				else {
					this.pollsRefused.incrementAndGet();
					pause(1_000);
				}
			}
			catch (IOException | RuntimeException ex) {
				if (this.running.get()) {
					this.pollErrors.incrementAndGet();
				}
				pause(1_000);
			}
		}
	}

	/** The real user's friend: polls as the page does and notes when each message arrived. */
	private void receive(PageUser bob) {
		while (this.running.get() || this.delivered.get() < this.accepted.get()) {
			try {
				List<String> texts = bob.poll(25);
				if (texts == null) {
					pause(1_000);
					continue;
				}
				long now = System.nanoTime();
				for (String text : texts) {
					if (text.startsWith("flood-")) {
						Long at = this.sentAt.remove(Long.parseLong(text.substring("flood-".length())));
						if (at != null) {
							this.delivered.incrementAndGet();
							this.deliveryMillis.add((now - at) / 1_000_000);
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				pause(200);
			}
		}
	}

	/**
	 * The real user: a message every half second, each tried again as the page does (same client
	 * message id) on a 503 or a lost connection, for up to 10 s.
	 */
	private void sendEveryHalfSecond(PageUser alice, long to) {
		long next = System.nanoTime();
		while (this.running.get()) {
			long number = this.sent.incrementAndGet();
			long start = System.nanoTime();
			this.sentAt.put(number, start);
			boolean done = false;
			while (!done && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
				try {
					int status = alice.send(to, "flood-" + number, "flood-" + number);
					done = status == 201;
				}
				catch (IOException | RuntimeException ex) {
					// the connection was closed: the next try opens another
				}
				if (!done) {
					this.sendRetries.incrementAndGet();
					pause(200);
				}
			}
			if (done) {
				this.accepted.incrementAndGet();
				this.sendMillis.add((System.nanoTime() - start) / 1_000_000);
			}
			else {
				this.sentAt.remove(number);
				this.notAccepted.incrementAndGet();
			}
			next += 500_000_000L;
			pause(Math.max(0, (next - System.nanoTime()) / 1_000_000));
		}
	}

	private void measureHeap(long gateway) {
		while (this.running.get()) {
			long bytes = JvmHeap.liveBytes(gateway);
			if (bytes >= 0) {
				this.liveHeap.set(bytes);
			}
			pause(this.options.heapSeconds() * 1000L);
		}
	}

	private void reportUntil(long gateway, long start, Duration until, String phase) throws InterruptedException {
		long end = start + until.toNanos();
		long next = System.nanoTime();
		while (System.nanoTime() < end) {
			next += this.options.reportSeconds() * 1_000_000_000L;
			Thread.sleep(Math.max(0, (Math.min(next, end) - System.nanoTime()) / 1_000_000));
			ProcessStats stats = ProcessStats.of(gateway);
			if (!ProcessHandle.of(gateway).map(ProcessHandle::isAlive).orElse(false)) {
				log("the gateway is gone");
				return;
			}
			this.maxRss = Math.max(this.maxRss, stats.rssKib());
			this.maxFds = Math.max(this.maxFds, stats.openFiles());
			this.maxHeap = Math.max(this.maxHeap, this.liveHeap.get());
			List<Long> sends = UnwantedConnections.drain(this.sendMillis);
			List<Long> deliveries = UnwantedConnections.drain(this.deliveryMillis);
			if (!deliveries.isEmpty()) {
				this.maxDeliveryMillis = Math.max(this.maxDeliveryMillis, deliveries.getLast());
			}
			if (!sends.isEmpty()) {
				this.maxSendMillis = Math.max(this.maxSendMillis, sends.getLast());
			}
			String line = String.format(Locale.ROOT,
					"%-6s %4.0f s | gateway RSS %,5.0f MiB, %,6d fds, heap after GC %s | unwanted: %s | polls: %,d answered, "
							+ "%,d refused, %,d failed | real user: %,d/%,d sent accepted (%,d retries, %,d not accepted), "
							+ "send p50 %s ms max %s ms, delivered %,d, p50 %s ms max %s ms",
					phase, (System.nanoTime() - start) / 1e9, stats.rssKib() / 1024.0, stats.openFiles(),
					mib(this.liveHeap.get()), unwanted(), this.pollsAnswered.get(), this.pollsRefused.get(),
					this.pollErrors.get(), this.accepted.get(), this.sent.get(), this.sendRetries.get(),
					this.notAccepted.get(), UnwantedConnections.percentile(sends, 50),
					UnwantedConnections.percentile(sends, 100), this.delivered.get(),
					UnwantedConnections.percentile(deliveries, 50), UnwantedConnections.percentile(deliveries, 100));
			log("%s", line);
			this.report.add(line);
		}
	}

	private String unwanted() {
		if (this.workerStats.isEmpty()) {
			return "none";
		}
		Map<String, Long> sum = new HashMap<>();
		this.workerStats.values().forEach((stats) -> stats.forEach((name, value) -> sum.merge(name, value, Long::sum)));
		List<Long> connectP99 = UnwantedConnections.drain(this.workerConnectP99);
		List<Long> connectMax = UnwantedConnections.drain(this.workerConnectMax);
		List<Long> refusedP99 = UnwantedConnections.drain(this.workerRefusedP99);
		List<Long> refusedMax = UnwantedConnections.drain(this.workerRefusedMax);
		List<Long> cutP50 = UnwantedConnections.drain(this.workerCutP50);
		List<Long> cutMax = UnwantedConnections.drain(this.workerCutMax);
		return String.format(Locale.ROOT,
				"%,d open, %,d connected so far (connect p99 %s ms, max %s ms), %,d closed at once (p99 %s ms, max %s ms), "
						+ "%,d cut (p50 %s ms, max %s ms), %,d connects timed out, %,d failed",
				sum.get("open"), sum.get("attempts"), last(connectP99), last(connectMax), sum.get("refused"),
				last(refusedP99), last(refusedMax),
				sum.get("cut"), cutP50.isEmpty() ? "-" : cutP50.get(cutP50.size() / 2), last(cutMax),
				sum.get("connectTimeouts"), sum.get("connectErrors"));
	}

	private boolean judge(long gateway, Path logs, Instant started, String command) throws IOException {
		boolean alive = ProcessHandle.of(gateway).map(ProcessHandle::isAlive).orElse(false);
		boolean outOfMemory = false;
		try (Stream<Path> files = Files.list(logs)) {
			for (Path log : files.toList()) {
				outOfMemory |= Files.readString(log).contains("OutOfMemoryError");
			}
		}
		long missing = this.accepted.get() - this.delivered.get();
		List<String> failures = new ArrayList<>();
		if (!alive) {
			failures.add("the gateway died");
		}
		if (outOfMemory) {
			failures.add("OutOfMemoryError in a service's log");
		}
		if (this.notAccepted.get() > 0) {
			failures.add(this.notAccepted.get() + " message(s) of the real user not accepted within 10 s");
		}
		if (missing > 0) {
			failures.add(missing + " accepted message(s) of the real user not delivered");
		}
		String summary = String.format(Locale.ROOT,
				"%s: %s. Gateway at most %,.0f MiB resident, %,d fds, %s heap after a full collection; real user: "
						+ "%,d messages accepted (%,d retries), %,d delivered, send at most %,d ms, delivery at most %,d ms",
				started, failures.isEmpty() ? "PASSED" : "FAILED (" + String.join("; ", failures) + ")",
				this.maxRss / 1024.0, this.maxFds, mib(this.maxHeap), this.accepted.get(), this.sendRetries.get(),
				this.delivered.get(), this.maxSendMillis, this.maxDeliveryMillis);
		log("%s", summary);
		Path results = this.options.root().resolve("loadtest/results");
		Files.createDirectories(results);
		List<String> file = new ArrayList<>();
		file.add("# " + command);
		file.add("");
		file.add(summary);
		file.add("");
		this.report.forEach((line) -> file.add("    " + line));
		Files.write(results.resolve("flood-latest.md"), file);
		return failures.isEmpty();
	}

	private static String connectionBound(Path logs) {
		try {
			Matcher lowered = LOWERED.matcher(Files.readString(logs.resolve("gateway.log")));
			return lowered.find() ? "the gateway lowered max-connections from " + lowered.group(1) + " to "
					+ lowered.group(2) + " for its file descriptor limit" : "max-connections as configured";
		}
		catch (IOException ex) {
			return "gateway log not readable";
		}
	}

	private static String last(List<Long> sorted) {
		return sorted.isEmpty() ? "-" : Long.toString(sorted.getLast());
	}

	private static String mib(long bytes) {
		return (bytes < 0) ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void log(String format, Object... args) {
		DeliveryBenchmark.log(format, args);
	}

	/**
	 * @param users logged-in users who long-poll all along
	 * @param workers processes of unwanted connections
	 * @param silent connections per worker that send nothing
	 * @param slowloris connections per worker that send their head a byte a second
	 */
	record Options(Path root, int users, int workers, int silent, int slowloris, int floodSeconds, int rampSeconds,
			int settleSeconds, int reportSeconds, int heapSeconds, int gatewayPort, int redisPort, String mysqlServer,
			String database) {

		static Options parse(String... args) {
			Map<String, String> given = new HashMap<>();
			for (String arg : args) {
				if (!arg.startsWith("--")) {
					throw new IllegalArgumentException("Unknown argument " + arg + "; options look like --users=3000");
				}
				String[] pair = arg.substring(2).split("=", 2);
				given.put(pair[0], (pair.length > 1) ? pair[1] : "true");
			}
			return new Options(Path.of(given.getOrDefault("root", ".")).toAbsolutePath().normalize(),
					integer(given, "users", 3000), integer(given, "workers", 2), integer(given, "silent", 4250),
					integer(given, "slowloris", 4250), integer(given, "seconds", 120), integer(given, "ramp-seconds", 10),
					integer(given, "settle-seconds", 15), integer(given, "report-seconds", 5),
					integer(given, "heap-seconds", 15), integer(given, "gateway-port", 28280),
					integer(given, "redis-port", 6398), given.getOrDefault("mysql", "jdbc:mysql://127.0.0.1:3306"),
					given.getOrDefault("database", "webchat_flood"));
		}

		private static int integer(Map<String, String> given, String name, int fallback) {
			return Integer.parseInt(given.getOrDefault(name, Integer.toString(fallback)));
		}
	}
}
