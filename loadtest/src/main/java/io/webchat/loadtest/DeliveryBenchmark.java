package io.webchat.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.webchat.launcher.WebchatSettings;
import io.webchat.launcher.WebchatSystem;
import io.webchat.loadtest.client.ClientFleet;
import io.webchat.loadtest.client.DeliveryTracker;
import io.webchat.loadtest.client.MessagePlan;
import io.webchat.loadtest.fixture.BulkFixture;
import io.webchat.loadtest.measure.LatencySummary;
import io.webchat.loadtest.measure.OpenLoop;
import io.webchat.loadtest.measure.ProcessStats;
import io.webchat.loadtest.measure.Profiler;
import io.webchat.loadtest.measure.SystemProcesses;
import io.webchat.loadtest.redis.BenchmarkRedis;
import io.webchat.loadtest.redis.RawRedisFloor;
import io.webchat.loadtest.report.IdleResult;
import io.webchat.loadtest.report.MarkdownReport;
import io.webchat.loadtest.report.PhaseResult;
import io.webchat.loadtest.report.ProcessUse;
import io.webchat.loadtest.report.RedisUse;
import io.webchat.loadtest.report.RunResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery benchmark of issue #7. In one run, on this machine: the raw Redis floor, then
 * webchat (gateway, two chat instances, account-service, a Redis of its own) with N simulated
 * clients — (a) idle capacity, (b) steady one-to-one traffic, (d) a 1,000-member group fan-out,
 * (c) a rate ramp until p99 passes the limit — and a table, a JSON result and a chart in
 * {@code loadtest/results/}. See the README's "Performance" section.
 */
public final class DeliveryBenchmark {

	private final LoadTestOptions options;

	private final AtomicLong messageNumbers = new AtomicLong();

	private DeliveryBenchmark(LoadTestOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 1 && args[0].equals("--chart-only")) {
			// draws latest.svg again from latest.json, e.g. after the chart changed
			Path results = Path.of("loadtest/results");
			RunResult saved = JsonMapper.builder().build()
				.readValue(Files.readString(results.resolve("latest.json")), RunResult.class);
			Files.writeString(results.resolve("latest.svg"), Charts.latencyAgainstRate(saved));
			return;
		}
		LoadTestOptions options = LoadTestOptions.parse(args);
		RunResult result = new DeliveryBenchmark(options).run(String.join(" ", args));
		System.exit(result.targets().stream().allMatch(RunResult.Target::met) ? 0 : 3);
	}

	private RunResult run(String arguments) throws Exception {
		LoadTestOptions o = this.options;
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> machine = machine();
		log("webchat delivery benchmark: N = %,d, %s CPUs, load average %s", o.users(), machine.get("cpus"),
				machine.get("loadAverageBefore"));
		o.requireFreePorts();
		Path work = o.root().resolve("loadtest/target/run");
		Files.createDirectories(o.results());

		try (BenchmarkRedis redis = BenchmarkRedis.start(o.redisPort(), 16_000, work.resolve("redis"))) {
			log("Redis %s (pid %d)", redis.url(), redis.pid());

			Map<Double, RawRedisFloor.Step> floor = new LinkedHashMap<>();
			RawRedisFloor.Step fanoutFloor;
			try (RawRedisFloor harness = new RawRedisFloor(redis.url(), o.users())) {
				harness.measure(o.steadyRate(), Duration.ofSeconds(2));
				Set<Double> rates = new LinkedHashSet<>();
				rates.add(o.steadyRate());
				rates.addAll(o.rampRates());
				for (double rate : rates) {
					RawRedisFloor.Step step = harness.measure(rate, Duration.ofSeconds(o.floorSeconds()));
					floor.put(rate, step);
					log("floor %,6.0f msg/s: p50 %s ms, p99 %s ms, max %s ms (%,d/%,d received)", rate,
							step.latency().p50(), step.latency().p99(), step.latency().max(), step.received(), step.sent());
				}
				fanoutFloor = harness.measureFanout(o.groupSize(), 1, Duration.ofSeconds(Math.max(3, o.floorSeconds())));
				log("floor fan-out to %,d: p50 %s ms, p99 %s ms", o.groupSize() - 1, fanoutFloor.latency().p50(),
						fanoutFloor.latency().p99());
			}

			BulkFixture fixture = new BulkFixture(o.mysqlServer(), o.database(), "root", "");
			long fixtureMillis = fixture.create(o.root().resolve("account-service/target/classes/db/migration"), o.users(),
					o.friendsPerSide(), o.groupSize());
			log("fixture: %,d users, %,d friendships, a %,d-member group in %s (%d ms)", o.users(),
					o.users() * o.friendsPerSide(), o.groupSize(), fixture.databaseUrl(), fixtureMillis);

			Map<String, String> database = Map.of("SPRING_PROFILES_ACTIVE", "mysql", "MYSQL_URL", fixture.databaseUrl(),
					"MYSQL_USER", "root", "MYSQL_PASS", "");
			// raised for this run only: the per-user send limit (30 per 10 s) would refuse the benchmark's
			// traffic, and the login throttle counts attempts in flight per address — all 5,000 users log
			// in from 127.0.0.1, 32 at a time, where real users come from 5,000 addresses
			Map<String, String> environment = Map.of("CHAT_MAX_SENDS_PER_WINDOW", "1000000",
					"LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000");
			long startingAt = System.nanoTime();
			try (BenchmarkSystem system = BenchmarkSystem.start(new WebchatSettings(o.root(), redis.url(), database,
					o.gatewayPort(), o.accountPort(), o.chatPorts(), work, false, environment), jvmOptions())) {
				log("webchat started in %.1f s (logs in %s)", (System.nanoTime() - startingAt) / 1e9, work.resolve("logs"));
				SystemProcesses processes = new SystemProcesses(redis.pid(), o.gatewayPort(), o.accountPort(),
						o.chatPorts());
				log("processes: %s", processes.pids());
				try (ClientFleet fleet = new ClientFleet(system.gatewayUrl(), o.users(), o.pollTimeoutSeconds())) {
					return measure(arguments, started, machine, redis, floor, fanoutFloor, processes, fleet);
				}
			}
		}
	}

	/** How fast the simulated users open the page: 5,000 in 10 s. */
	private static final int POLLS_STARTED_PER_SECOND = 500;

	/** The warm-up's rate: enough to compile the hot paths, low enough not to leave a backlog. */
	private static final double WARM_UP_RATE = 100;

	/** The launcher's options, except the gateway's heap (see {@link BenchmarkSystem}), plus any given. */
	private Map<String, List<String>> jvmOptions() {
		List<String> gateway = new ArrayList<>(WebchatSystem.jvmOptions("gateway")
			.stream()
			.map((option) -> option.startsWith("-Xmx") ? "-Xmx" + this.options.gatewayHeapMib() + "m" : option)
			.toList());
		gateway.addAll(this.options.gatewayJvmOptions());
		List<String> chat = new ArrayList<>(WebchatSystem.jvmOptions("chat-service"));
		chat.addAll(this.options.chatJvmOptions());
		return Map.of("account-service", WebchatSystem.jvmOptions("account-service"), "chat-service", chat, "gateway",
				gateway);
	}

	private RunResult measure(String arguments, Instant started, Map<String, Object> machine, BenchmarkRedis redis,
			Map<Double, RawRedisFloor.Step> floor, RawRedisFloor.Step fanoutFloor, SystemProcesses processes,
			ClientFleet fleet) throws Exception {
		LoadTestOptions o = this.options;
		long loginStarted = System.nanoTime();
		fleet.logInAll(32);
		double loginSeconds = (System.nanoTime() - loginStarted) / 1e9;
		fleet.registerAll(32);
		log("%,d users logged in through the gateway in %.1f s and registered a client", o.users(), loginSeconds);

		// (a) idle capacity
		Map<String, ProcessStats> beforePolls = processes.sample();
		long memoryBeforePolls = redis.infoLong("used_memory");
		fleet.startPolling(POLLS_STARTED_PER_SECOND);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (redis.parkedPolls() < o.users() && System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
		Thread.sleep(2000);
		Map<String, ProcessStats> idleStart = processes.sample();
		long pollErrorsBefore = fleet.pollErrors();
		Thread.sleep(TimeUnit.SECONDS.toMillis(o.idleSeconds()));
		Map<String, ProcessStats> idleEnd = processes.sample();
		Map<String, String> info = redis.info();
		long memoryWithPolls = Long.parseLong(info.get("used_memory"));
		Map<String, Double> rssBefore = new LinkedHashMap<>();
		beforePolls.forEach((name, stats) -> rssBefore.put(name, stats.rssMib()));
		IdleResult idle = new IdleResult(o.users(), redis.parkedPolls(), Long.parseLong(info.get("blocked_clients")),
				Long.parseLong(info.get("connected_clients")), memoryBeforePolls, memoryWithPolls,
				(memoryWithPolls - memoryBeforePolls) / o.users(), memoryWithPolls / o.users(),
				Long.parseLong(info.getOrDefault("mem_clients_normal", "0"))
						/ Math.max(1, Long.parseLong(info.get("connected_clients"))),
				rssBefore,
				ProcessUse.between(idleStart, idleEnd), fleet.pollErrors() - pollErrorsBefore, o.idleSeconds());
		log("(a) idle: %,d polls parked in Redis, %,d Redis clients (%,d blocked), %,d B per waiting poll; RSS %s",
				idle.waitingPolls(), idle.connectedClients(), idle.blockedClients(), idle.redisBytesPerWaitingPoll(), rss(idle.processes()));

		List<PhaseRun> runs = new ArrayList<>();
		MessagePlan oneToOne = MessagePlan.oneToOne(o.users(), o.friendsPerSide());

		// a warm-up that lets the JIT compile the hot paths, at a rate the system keeps up with
		double warmupRate = Math.min(o.steadyRate(), WARM_UP_RATE);
		drain(fleet, runPhase(fleet, redis, processes, "warm-up", "warm-up", warmupRate, o.warmupSeconds(), oneToOne,
				null), 20);

		// (c) the ramp, until p99 passes the limit; first, so that what it finds is not the
		// after-effect of an overload
		PhaseRun last = null;
		for (double rate : o.rampRates()) {
			Thread.sleep(2000);
			PhaseRun step = runPhase(fleet, redis, processes, "ramp", String.format(Locale.ROOT, "(c) ramp %,.0f", rate),
					rate, o.rampSeconds(), oneToOne, floor.get(rate).latency());
			runs.add(step);
			drain(fleet, step, 20);
			last = step;
			long errors = step.phase().sendErrors.get() + step.pollErrors();
			if (step.phase().delivery.summary().p99() > o.rampLimitMillis() || errors > step.phase().sent.get() / 100) {
				log("p99 passed %.0f ms (or errors passed 1 %%) at %,.0f msg/s: the ramp ends", o.rampLimitMillis(), rate);
				break;
			}
		}

		// (d) group fan-out, one message per second to the big group, once the ramp has drained
		if (last != null) {
			drain(fleet, last, 30);
		}
		Thread.sleep(2000);
		PhaseRun fanout = runPhase(fleet, redis, processes, "fanout", "(d) fan-out " + o.groupSize(), 1, o.fanoutSeconds(),
				MessagePlan.group(o.groupSize()), fanoutFloor.latency());
		runs.add(fanout);
		drain(fleet, fanout, 30);
		Thread.sleep(2000);

		// (b) steady one-to-one at the target rate, last: where the system cannot keep up, the
		// backlog it leaves would spoil any scenario after it
		Path profiles = o.root().resolve("loadtest/target/profile");
		if (o.profile()) {
			for (String name : List.of("gateway", "chat-service-1")) {
				Profiler.start(processes.pid(name).orElseThrow(), o.steadySeconds(), profiles.resolve(name + ".collapsed"));
			}
		}
		runs.add(runPhase(fleet, redis, processes, "steady", "(b) steady", o.steadyRate(), o.steadySeconds(), oneToOne,
				floor.get(o.steadyRate()).latency()));
		if (o.profile()) {
			Thread.sleep(3000);
			StringBuilder summary = new StringBuilder();
			for (String name : List.of("gateway", "chat-service-1")) {
				summary.append(Profiler.summarise(name, profiles.resolve(name + ".collapsed"))).append('\n');
			}
			Files.writeString(o.results().resolve("profile.txt"), "Scenario (b), steady " + o.steadyRate()
					+ " msg/s one-to-one, N = " + o.users() + "\n\n" + summary);
			System.out.print(summary);
		}

		// every send gets its answer (or its timeout), then every copy still owed gets a last
		// chance before it counts as lost
		long answersUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
		while (fleet.sendsInFlight() > 0 && System.nanoTime() < answersUntil) {
			Thread.sleep(250);
		}
		DeliveryTracker tracker = fleet.tracker();
		long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (runs.stream().anyMatch((run) -> tracker.missing(run.phase()) > 0) && System.nanoTime() < drainUntil) {
			Thread.sleep(500);
		}
		List<PhaseResult> phases = runs.stream().map((run) -> run.result(tracker)).toList();

		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("users", o.users());
		settings.put("groupSize", o.groupSize());
		settings.put("friendsPerUser", 2 * o.friendsPerSide());
		settings.put("pollTimeoutSeconds", o.pollTimeoutSeconds());
		settings.put("chatInstances", o.chatPorts().size());
		settings.put("serviceEnvironment", Map.of("CHAT_MAX_SENDS_PER_WINDOW", "1000000 (default 30 per 10 s)",
				"LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000 (default 20 per 15 min; every simulated user is 127.0.0.1)"));
		settings.put("serviceJvmOptions", String.join(" ", jvmOptions().get("account-service")) + " for account-service, "
				+ String.join(" ", jvmOptions().get("chat-service")) + " for chat-service, "
				+ String.join(" ", jvmOptions().get("gateway")) + " for the gateway");
		settings.put("database", "MariaDB " + o.database() + ", bulk fixture (BCrypt cost 4)");
		settings.put("loginSeconds", Math.round(loginSeconds * 10) / 10.0);
		Map<String, Object> notes = new LinkedHashMap<>();
		notes.put("echoesToSendersOwnClient", tracker.echoes());
		notes.put("unexpectedDeliveries", tracker.unexpected());
		notes.put("resyncs", fleet.resyncs());
		notes.put("pollErrorKinds", fleet.pollErrorKinds());
		notes.put("polls", fleet.polls());
		RunResult result = new RunResult(started.toString(), ("./loadtest.sh " + arguments).strip(), machine, settings,
				idle, phases, Targets.evaluate(o, idle, phases), notes);
		write(result);
		return result;
	}

	private PhaseRun runPhase(ClientFleet fleet, BenchmarkRedis redis, SystemProcesses processes, String scenario,
			String name, double rate, int seconds, MessagePlan plan, LatencySummary floor) {
		DeliveryTracker.Phase phase = new DeliveryTracker.Phase(name);
		long pollErrors = fleet.pollErrors();
		Map<String, ProcessStats> start = processes.sample();
		OpenLoop.Paced paced = fleet.send(phase, rate, Duration.ofSeconds(seconds), plan, this.messageNumbers);
		Map<String, ProcessStats> end = processes.sample();
		long deliveries = phase.deliveries.get();
		RedisUse redisUse = RedisUse.of(redis.info());
		long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (fleet.tracker().missing(phase) > 0 && System.nanoTime() < drainUntil) {
			sleep(200);
		}
		PhaseRun run = new PhaseRun(scenario, name, rate, seconds, phase, paced, ProcessUse.between(start, end), redisUse,
				fleet.pollErrors() - pollErrors, deliveries / (double) seconds, floor);
		LatencySummary delivery = phase.delivery.summary();
		LatencySummary send = phase.send.summary();
		log("%-18s %,6.0f msg/s: delivery p50 %s p99 %s max %s ms; send p50 %s p99 %s ms; errors %d (%s), poll errors %d; CPU %s",
				name, rate, delivery.p50(), delivery.p99(), delivery.max(), send.p50(), send.p99(), phase.sendErrors.get(),
				phase.errorKinds, run.pollErrors(), cpu(run.processes()));
		return run;
	}

	/** Waits up to {@code seconds} for the copies {@code run} still owes, so one step's backlog does not spill into the next. */
	private static void drain(ClientFleet fleet, PhaseRun run, int seconds) {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (fleet.tracker().missing(run.phase()) > 0 && System.nanoTime() < until) {
			sleep(250);
		}
	}

	private record PhaseRun(String scenario, String name, double rate, int seconds, DeliveryTracker.Phase phase,
			OpenLoop.Paced paced, Map<String, ProcessUse> processes, RedisUse redis, long pollErrors,
			double deliveriesPerSecond, LatencySummary floor) {

		PhaseResult result(DeliveryTracker tracker) {
			LatencySummary delivery = this.phase.delivery.summary();
			Map<String, Long> errorKinds = new LinkedHashMap<>();
			this.phase.errorKinds.forEach((kind, count) -> errorKinds.put(kind, count.get()));
			return new PhaseResult(this.scenario, this.name, this.rate, this.seconds, this.phase.sent.get(),
					this.phase.sendErrors.get(), errorKinds, tracker.expected(this.phase), tracker.missing(this.phase),
					this.phase.duplicates.get(), Math.round(this.deliveriesPerSecond), delivery, this.phase.send.summary(),
					this.floor, delivery.ratioTo(this.floor), this.pollErrors, this.paced.worstLagMillis(), this.processes,
					this.redis);
		}

	}

	private void write(RunResult result) throws IOException {
		Path results = this.options.results();
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		String stamp = result.startedAt().replace(":", "").replace("-", "");
		Files.createDirectories(results.resolve("runs"));
		Files.writeString(results.resolve("latest.json"), json.writeValueAsString(result));
		Files.writeString(results.resolve("runs").resolve(stamp + ".json"), json.writeValueAsString(result));
		Files.writeString(results.resolve("latest.svg"), Charts.latencyAgainstRate(result));
		String table = MarkdownReport.render(result);
		Files.writeString(results.resolve("latest.md"), table);
		System.out.println();
		System.out.println(table);
		System.out.println("Written: " + results.resolve("latest.json") + ", " + results.resolve("latest.svg") + ", "
				+ results.resolve("latest.md"));
	}

	private static Map<String, Object> machine() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cpus", Runtime.getRuntime().availableProcessors());
		try {
			machine.put("loadAverageBefore", Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0]);
		}
		catch (IOException ex) {
			machine.put("loadAverageBefore", "?");
		}
		machine.put("java", System.getProperty("java.version"));
		machine.put("commit", git("rev-parse", "--short", "HEAD"));
		return machine;
	}

	private static String git(String... args) {
		try {
			List<String> command = new ArrayList<>(List.of("git"));
			command.addAll(List.of(args));
			Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(git.getInputStream().readAllBytes()).trim();
			return (git.waitFor() == 0) ? out : "?";
		}
		catch (IOException | InterruptedException ex) {
			return "?";
		}
	}

	private static String rss(Map<String, ProcessUse> processes) {
		StringBuilder out = new StringBuilder();
		processes.forEach((name, use) -> out.append(name).append(' ').append(Math.round(use.rssMib())).append(" MiB, "));
		return out.toString();
	}

	private static String cpu(Map<String, ProcessUse> processes) {
		StringBuilder out = new StringBuilder();
		processes.forEach((name, use) -> out.append(name).append(' ').append(Math.round(use.cpuPercent())).append("%, "));
		return out.toString();
	}

	static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(Instant.now().atZone(java.time.ZoneOffset.UTC), args));
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
