package io.webchat.loadtest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to run, from {@code --name=value} arguments; the defaults are the scenarios.
 *
 * @param users N: simulated users, each with one long poll open through the gateway
 * @param groupSize members of the fan-out group (users 1 … groupSize)
 * @param friendsPerSide each user's friends are this many neighbours on each side of a ring
 * @param idleSeconds how long scenario (a) watches the waiting polls: the default spans two full
 *        poll cycles, so that every poll has timed out and come back once and the services' memory
 *        is what it settles at, not what it is just after the polls opened
 * @param steadyRate one-to-one messages per second of scenario (b)
 * @param gatewayJvmOptions more JVM options for the gateway (space-separated), e.g. another collector
 * @param chatJvmOptions more JVM options for each chat-service instance
 * @param rampRates the rates of scenario (c), tried in order until p99 passes {@code rampLimitMillis}
 * @param systems which systems to run, of {@code cometd} and {@code webchat}, always in that order
 * @param chatInstances chat-service instances behind the gateway: one by default, as an operator
 *        of one 2-core box would run it (the system tests run two to prove chat-service stateless)
 * @param measureHeap whether scenario (a) forces a full collection in each server JVM before and
 *        after its window to measure the live heap per waiting poll
 * @param heapHistogram whether scenario (a) also takes a class histogram of each server JVM
 *        before and after: the live objects per waiting poll, by class (on where the heap is measured)
 */
public record LoadTestOptions(Path root, Path results, int users, int groupSize, int friendsPerSide, int idleSeconds,
		double steadyRate, int warmupSeconds, int steadySeconds, List<Double> rampRates, int rampSeconds,
		double rampLimitMillis, int fanoutSeconds, int floorSeconds, int pollTimeoutSeconds, int redisPort,
		int gatewayPort, List<String> gatewayJvmOptions, List<String> chatJvmOptions,
		String mysqlServer, String database, boolean profile, boolean quick, List<String> systems,
		int chatInstances, boolean measureHeap, boolean heapHistogram) {

	static LoadTestOptions parse(String... args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument " + arg + "; options look like --users=5000");
			}
			String[] pair = arg.substring(2).split("=", 2);
			if (!NAMES.contains(pair[0])) {
				// a mistyped option would otherwise run the whole quarter of an hour with its default
				throw new IllegalArgumentException("Unknown option --" + pair[0] + "; the options are " + NAMES.stream()
					.sorted()
					.map((name) -> "--" + name)
					.collect(Collectors.joining(", ")) + " (loadtest.sh --help says more)");
			}
			given.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		boolean quick = Boolean.parseBoolean(given.getOrDefault("quick", "false"));
		Path root = Path.of(given.getOrDefault("root", ".")).toAbsolutePath().normalize();
		// a quick run's polls must cycle within its short idle window, or it has no cost per poll cycle
		int pollTimeout = integer(given, "poll-timeout", quick ? 4 : 25);
		String defaultResults = quick ? "loadtest/target/results-quick" : "loadtest/results";
		LoadTestOptions options = new LoadTestOptions(root, root.resolve(given.getOrDefault("results", defaultResults)),
				integer(given, "users", quick ? 300 : 5000), integer(given, "group", quick ? 100 : 1000),
				integer(given, "friends-per-side", 2), integer(given, "idle-seconds", quick ? 8 : 60),
				number(given, "steady-rate", quick ? 200 : 1000), integer(given, "warmup-seconds", quick ? 3 : 15),
				integer(given, "steady-seconds", quick ? 5 : 30),
				Arrays.stream(given.getOrDefault("ramp", quick ? "200,400" : "50,100,200,300,500,750,1000,1500,2000,3000")
					.split(","))
					.map(Double::valueOf)
					.toList(),
				integer(given, "ramp-seconds", quick ? 3 : 10), number(given, "ramp-limit-ms", 100),
				integer(given, "fanout-seconds", quick ? 3 : 20), integer(given, "floor-seconds", quick ? 2 : 5),
				pollTimeout, integer(given, "redis-port", 6397),
				integer(given, "gateway-port", 28180),
				words(given.getOrDefault("gateway-jvm-options", "")),
				words(given.getOrDefault("chat-jvm-options", "")), given.getOrDefault("mysql", "jdbc:mysql://127.0.0.1:3306"),
				given.getOrDefault("database", "webchat_loadtest"),
				Boolean.parseBoolean(given.getOrDefault("profile", "false")), quick,
				Arrays.stream(given.getOrDefault("systems", "cometd,webchat").split(",")).map(String::trim).toList(),
				integer(given, "chat-instances", 1), Boolean.parseBoolean(given.getOrDefault("heap", "true")),
				Boolean.parseBoolean(given.getOrDefault("heap-histogram", given.getOrDefault("heap", "true"))));
		if (options.chatInstances < 1 || options.chatInstances > MAX_CHAT_INSTANCES) {
			throw new IllegalArgumentException("--chat-instances is 1 to " + MAX_CHAT_INSTANCES);
		}
		if (!List.of("cometd", "webchat").containsAll(options.systems)) {
			throw new IllegalArgumentException("--systems names cometd, webchat or both, not " + options.systems);
		}
		if (options.users < 2 * options.friendsPerSide + 1 || options.groupSize > options.users) {
			throw new IllegalArgumentException("Need users > 2 × friends-per-side and group <= users");
		}
		return options;
	}

	private static final Set<String> NAMES = Set.of("root", "results", "users", "group",
			"friends-per-side", "idle-seconds", "steady-rate", "warmup-seconds", "steady-seconds", "ramp", "ramp-seconds",
			"ramp-limit-ms", "fanout-seconds", "floor-seconds", "poll-timeout", "redis-port", "gateway-port",
			"gateway-jvm-options", "chat-jvm-options", "mysql", "database", "profile", "quick", "systems",
			"chat-instances", "heap", "heap-histogram");

	/** The ports P+2 … P+9 after the gateway's P are the chat instances'. */
	private static final int MAX_CHAT_INSTANCES = 8;

	List<Integer> chatPorts() {
		return java.util.stream.IntStream.range(0, this.chatInstances).mapToObj((i) -> this.gatewayPort + 2 + i).toList();
	}

	/** Every port the run listens on: fails at once, before starting anything, if one is taken. */
	void requireFreePorts() {
		List<Integer> ports = new java.util.ArrayList<>(
				List.of(this.redisPort, this.gatewayPort, accountPort(), cometdPort()));
		ports.addAll(chatPorts());
		for (int port : ports) {
			try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
				socket.bind(new java.net.InetSocketAddress("0.0.0.0", port));
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException("Port " + port + " is in use; the load test needs " + ports
						+ " (choose others with --gateway-port=P, which uses P … P+10, and --redis-port=P)");
			}
		}
	}

	/** The CometD peer's port, after the gateway's, account-service's and the chat instances'. */
	int cometdPort() {
		return this.gatewayPort + 2 + MAX_CHAT_INSTANCES;
	}

	int accountPort() {
		return this.gatewayPort + 1;
	}

	private static List<String> words(String value) {
		return Arrays.stream(value.trim().split("\\s+")).filter((word) -> !word.isEmpty()).toList();
	}

	private static int integer(Map<String, String> given, String name, int fallback) {
		return Integer.parseInt(given.getOrDefault(name, Integer.toString(fallback)));
	}

	private static double number(Map<String, String> given, String name, double fallback) {
		return Double.parseDouble(given.getOrDefault(name, Double.toString(fallback)));
	}
}
