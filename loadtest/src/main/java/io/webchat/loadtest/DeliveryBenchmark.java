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

import io.webchat.launcher.WebchatSettings;
import io.webchat.launcher.WebchatSystem;
import io.webchat.loadtest.client.ClientFleet;
import io.webchat.loadtest.cometd.CometdFleet;
import io.webchat.loadtest.cometd.CometdPeer;
import io.webchat.loadtest.fixture.BulkFixture;
import io.webchat.loadtest.flood.ConnectionFlood;
import io.webchat.loadtest.measure.LatencySummary;
import io.webchat.loadtest.measure.SystemProcesses;
import io.webchat.loadtest.redis.BenchmarkRedis;
import io.webchat.loadtest.redis.RawRedisFloor;
import io.webchat.loadtest.report.MarkdownReport;
import io.webchat.loadtest.report.RunResult;
import io.webchat.loadtest.report.SystemResult;
import io.webchat.loadtest.soak.SoakRun;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery benchmark. In one run, on this machine: the raw Redis floor, then the CometD peer,
 * then webchat (gateway, two chat instances, account-service, a Redis of its own), each with the
 * same N simulated clients through the same {@link Scenarios} — and a table, a JSON result and a
 * chart in {@code loadtest/results/}. See docs/performance.md.
 */
public final class DeliveryBenchmark {

	private final LoadTestOptions options;

	private DeliveryBenchmark(LoadTestOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("--soak")) {
			SoakRun.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("--flood")) {
			ConnectionFlood.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length == 1 && args[0].equals("--render-only")) {
			// judges the targets and draws latest.svg and latest.md again from latest.json, e.g.
			// after the report changed, with the options the run was made with
			Path results = Path.of("loadtest/results");
			RunResult measured = JsonMapper.builder().build()
				.readValue(Files.readString(results.resolve("latest.json")), RunResult.class);
			String[] options = measured.command().replaceFirst("^\\S+\\s*", "").split("\\s+");
			RunResult saved = new RunResult(measured.startedAt(), measured.command(), measured.machine(),
					measured.settings(), measured.floor(), measured.fanoutFloor(), measured.systems(),
					Targets.evaluate(LoadTestOptions.parse(java.util.Arrays.stream(options)
						.filter((option) -> !option.isEmpty())
						.toArray(String[]::new)), measured.systems()));
			Files.writeString(results.resolve("latest.json"), JsonMapper.builder()
				.enable(SerializationFeature.INDENT_OUTPUT)
				.build()
				.writeValueAsString(saved));
			Files.writeString(results.resolve("latest.svg"), Charts.latencyAgainstRate(saved));
			Files.writeString(results.resolve("latest.md"), MarkdownReport.render(saved));
			return;
		}
		LoadTestOptions options;
		try {
			options = LoadTestOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		RunResult result = new DeliveryBenchmark(options).run(String.join(" ", args));
		System.exit(result.targets().stream().allMatch(RunResult.Target::met) ? 0 : 3);
	}

	private RunResult run(String arguments) throws Exception {
		LoadTestOptions o = this.options;
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> machine = machine(o.root());
		log("webchat delivery benchmark: N = %,d, %s CPUs, load average %s; systems %s", o.users(), machine.get("cpus"),
				machine.get("loadAverageBefore"), o.systems());
		o.requireFreePorts();
		Path work = o.root().resolve("loadtest/target/run");
		Files.createDirectories(o.results());

		try (BenchmarkRedis redis = BenchmarkRedis.start(o.redisPort(), 16_000, work.resolve("redis"))) {
			log("Redis %s (pid %d)", redis.url(), redis.pid());
			Scenarios scenarios = measureFloor(redis);
			List<SystemResult> systems = new ArrayList<>();
			if (o.systems().contains("cometd")) {
				systems.add(runCometd(scenarios, work));
			}
			if (o.systems().contains("webchat")) {
				systems.add(runWebchat(scenarios, redis, work));
			}
			List<RunResult.FloorStep> floor = new ArrayList<>();
			scenarios.floor().forEach((rate, latency) -> floor.add(new RunResult.FloorStep(rate, latency)));
			RunResult result = new RunResult(started.toString(), ("./loadtest.sh " + arguments).strip(), machine,
					settings(), floor, scenarios.fanoutFloor(), systems, Targets.evaluate(o, systems));
			write(result);
			return result;
		}
	}

	/** The raw Redis floor at every rate the scenarios offer, and for the fan-out, on the benchmark's Redis. */
	private Scenarios measureFloor(BenchmarkRedis redis) {
		LoadTestOptions o = this.options;
		Map<Double, LatencySummary> floor = new LinkedHashMap<>();
		try (RawRedisFloor harness = new RawRedisFloor(redis.url(), o.users())) {
			harness.measure(o.steadyRate(), Duration.ofSeconds(2));
			Set<Double> rates = new LinkedHashSet<>();
			rates.add(o.steadyRate());
			rates.addAll(o.rampRates());
			for (double rate : rates) {
				RawRedisFloor.Step step = harness.measure(rate, Duration.ofSeconds(o.floorSeconds()));
				floor.put(rate, step.latency());
				log("floor %,6.0f msg/s: p50 %s ms, p99 %s ms, max %s ms (%,d/%,d received)", rate, step.latency().p50(),
						step.latency().p99(), step.latency().max(), step.received(), step.sent());
			}
			RawRedisFloor.Step fanout = harness.measureFanout(o.groupSize(), 1,
					Duration.ofSeconds(Math.max(3, o.floorSeconds())));
			log("floor fan-out to %,d: p50 %s ms, p99 %s ms", o.groupSize() - 1, fanout.latency().p50(),
					fanout.latency().p99());
			return new Scenarios(o, floor, fanout.latency());
		}
	}

	/**
	 * The peer: CometD in one JVM with a chat instance's heap and JVM options, its N clients each
	 * a Bayeux client with its own long poll and its own channel.
	 */
	private SystemResult runCometd(Scenarios scenarios, Path work) throws Exception {
		LoadTestOptions o = this.options;
		try (CometdPeer peer = CometdPeer.start(o.cometdPort(), o.pollTimeoutSeconds() * 1000, chatJvmOptions(),
				work.resolve("logs"))) {
			try (CometdFleet fleet = new CometdFleet(peer.url(), o.users(), o.groupSize(), o.pollTimeoutSeconds())) {
				String setup = String.format(Locale.ROOT,
						"CometD %s, long-polling transport only, one JVM (%s), messages in memory; %d s poll timeout",
						CometdPeer.VERSION, String.join(" ", chatJvmOptions()), o.pollTimeoutSeconds());
				return scenarios.run(new SystemUnderTest(RunResult.COMETD, setup, fleet,
						SystemProcesses.singleJvm("cometd", peer.pid()), null, fleet::subscribedClients,
						(process) -> o.users()));
			}
		}
	}

	private SystemResult runWebchat(Scenarios scenarios, BenchmarkRedis redis, Path work) throws Exception {
		LoadTestOptions o = this.options;
		BulkFixture fixture = new BulkFixture(o.mysqlServer(), o.database(), "root", "");
		long fixtureMillis = fixture.create(o.root().resolve("account-service/target/classes/db/migration"), o.users(),
				o.friendsPerSide(), o.groupSize());
		log("fixture: %,d users, %,d friendships, a %,d-member group in %s (%d ms)", o.users(),
				o.users() * o.friendsPerSide(), o.groupSize(), fixture.databaseUrl(), fixtureMillis);

		long startingAt = System.nanoTime();
		WebchatSettings settings = new WebchatSettings(o.root(), redis.url(), fixture.accountServiceEnvironment(),
				o.gatewayPort(), o.accountPort(), o.chatPorts(), work, false, SERVICE_ENVIRONMENT)
			.withExtraJvmOptions(Map.of("gateway", o.gatewayJvmOptions(), "chat-service", o.chatJvmOptions()))
			.withCopiedJars();
		// killed when done: nothing needs a graceful stop, and 5,000 open polls would only delay it
		try (WebchatSystem system = WebchatSystem.start(settings); AutoCloseable stop = system::kill) {
			log("webchat started in %.1f s (logs in %s)", (System.nanoTime() - startingAt) / 1e9, work.resolve("logs"));
			SystemProcesses processes = SystemProcesses.webchat(redis.pid(), o.gatewayPort(), o.accountPort(),
					o.chatPorts());
			log("processes: %s", processes.pids());
			try (ClientFleet fleet = new ClientFleet(system.gatewayUrl(), o.users(), o.pollTimeoutSeconds())) {
				long loginStarted = System.nanoTime();
				fleet.logInAll(32);
				double loginSeconds = (System.nanoTime() - loginStarted) / 1e9;
				fleet.registerAll(32);
				log("%,d users logged in through the gateway in %.1f s and registered a client", o.users(), loginSeconds);
				String setup = String.format(Locale.ROOT,
						"gateway, %d chat-service instance(s), account-service (MariaDB), Redis; %d s poll timeout; "
								+ "%,d logins took %.1f s",
						o.chatPorts().size(), o.pollTimeoutSeconds(), o.users(), loginSeconds);
				// the gateway holds every poll; each chat instance the share the gateway's round-robin gives it
				return scenarios.run(new SystemUnderTest(RunResult.WEBCHAT, setup, fleet, processes, redis,
						redis::parkedPolls, (process) -> process.startsWith("chat-service")
								? o.users() / o.chatPorts().size() : o.users()));
			}
		}
	}

	/**
	 * Raised for the run only: the per-user send limit (30 per 10 s) would refuse the benchmark's
	 * traffic, and the login throttle counts attempts in flight per address — all 5,000 users log
	 * in from 127.0.0.1, 32 at a time, where real users come from 5,000 addresses.
	 */
	public static final Map<String, String> SERVICE_ENVIRONMENT = Map.of("CHAT_MAX_SENDS_PER_WINDOW", "1000000",
			"LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000");

	/** The launcher's options for chat-service, as the run command uses them, plus any given; CometD gets the same. */
	private List<String> chatJvmOptions() {
		List<String> chat = new ArrayList<>(WebchatSystem.jvmOptions("chat-service"));
		chat.addAll(this.options.chatJvmOptions());
		return chat;
	}

	private Map<String, Object> settings() {
		LoadTestOptions o = this.options;
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("users", o.users());
		settings.put("groupSize", o.groupSize());
		settings.put("friendsPerUser", 2 * o.friendsPerSide());
		settings.put("pollTimeoutSeconds", o.pollTimeoutSeconds());
		settings.put("idleSeconds", o.idleSeconds());
		settings.put("chatInstances", o.chatPorts().size());
		settings.put("serviceEnvironment", Map.of("CHAT_MAX_SENDS_PER_WINDOW", "1000000 (default 30 per 10 s)",
				"LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000 (default 20 per 15 min; every simulated user is 127.0.0.1)"));
		List<String> gateway = new ArrayList<>(WebchatSystem.jvmOptions("gateway"));
		gateway.addAll(o.gatewayJvmOptions());
		settings.put("serviceJvmOptions", String.join(" ", WebchatSystem.jvmOptions("account-service"))
				+ " for account-service, " + String.join(" ", chatJvmOptions()) + " for chat-service and CometD, "
				+ String.join(" ", gateway) + " for the gateway");
		settings.put("database", "MariaDB " + o.database() + ", bulk fixture (BCrypt cost 4)");
		return settings;
	}

	private void write(RunResult result) throws IOException {
		Path results = this.options.results();
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(results.resolve("latest.json"), json.writeValueAsString(result));
		Files.writeString(results.resolve("latest.svg"), Charts.latencyAgainstRate(result));
		String table = MarkdownReport.render(result);
		Files.writeString(results.resolve("latest.md"), table);
		System.out.println();
		System.out.println(table);
		System.out.println("Written: " + results.resolve("latest.json") + ", " + results.resolve("latest.svg") + ", "
				+ results.resolve("latest.md"));
	}

	/** This machine, and the commit of the checkout whose jars run ({@code --root}). */
	private static Map<String, Object> machine(Path root) {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cpus", Runtime.getRuntime().availableProcessors());
		try {
			machine.put("loadAverageBefore", Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0]);
		}
		catch (IOException ex) {
			machine.put("loadAverageBefore", "?");
		}
		// runs on different processors (one kind of machine is not always one processor) compare
		// only through the host probe, never by their CPU figures
		machine.put("processor", processor());
		machine.put("java", System.getProperty("java.version"));
		machine.put("commit", git("-C", root.toString(), "rev-parse", "--short", "HEAD"));
		return machine;
	}

	/** The processor's model name and clock as {@code /proc/cpuinfo} gives them, or "?". */
	static String processor() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			return lines.stream().filter((line) -> line.startsWith("model name")).findFirst().map(DeliveryBenchmark::value).orElse("?")
					+ lines.stream().filter((line) -> line.startsWith("cpu MHz")).findFirst()
						.map((line) -> ", " + Math.round(Double.parseDouble(value(line))) + " MHz").orElse("");
		}
		catch (IOException | RuntimeException ex) {
			return "?";
		}
	}

	private static String value(String cpuinfoLine) {
		return cpuinfoLine.substring(cpuinfoLine.indexOf(':') + 1).trim();
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

	public static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(Instant.now().atZone(java.time.ZoneOffset.UTC), args));
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

}
