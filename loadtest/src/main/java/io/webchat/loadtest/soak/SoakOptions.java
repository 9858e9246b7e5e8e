package io.webchat.loadtest.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What {@code ./loadtest.sh --soak} runs, from {@code --name=value} arguments.
 *
 * @param duration how long the traffic runs ({@code --minutes}, 30)
 * @param reportEvery how often every process and Redis are measured ({@code --report-seconds}, 60)
 * @param users simulated users; every {@code churnEvery}-th of them comes and goes, the others
 *        keep a page open all along
 * @param rate one-to-one messages per second from the users who stay
 * @param groupEvery how often a member writes to the group of users 1 … {@code groupSize}
 * @param sessionTimeout the gateway's session timeout for the run: a vanished user's session
 *        is kept this long, so it must be well inside the run for the keys it holds to level off
 *        (the product's default is 12 h; the gateway touches a session every 5 minutes, so it
 *        must be longer than that)
 * @param settledAfter from when on growth counts as a leak: by then everything kept for a
 *        bounded time (sessions, vanished clients, history) is being expired as fast as it is made
 */
public record SoakOptions(Path root, Path results, Duration duration, Duration reportEvery, int users, int churnEvery,
		double rate, Duration groupEvery, int groupSize, int friendsPerSide, int pollTimeoutSeconds, int redisPort,
		int gatewayPort, int chatInstances, String mysqlServer, String database, Duration sessionTimeout,
		Duration settledAfter) {

	static SoakOptions parse(List<String> args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument " + arg + "; options look like --minutes=30");
			}
			String[] pair = arg.substring(2).split("=", 2);
			given.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		Path root = Path.of(given.getOrDefault("root", ".")).toAbsolutePath().normalize();
		int minutes = integer(given, "minutes", 30);
		Duration sessionTimeout = Duration.ofMinutes(integer(given, "session-timeout-minutes", 10));
		SoakOptions options = new SoakOptions(root, root.resolve(given.getOrDefault("results", "loadtest/results")),
				Duration.ofMinutes(minutes), Duration.ofSeconds(integer(given, "report-seconds", 60)),
				integer(given, "users", 1000), integer(given, "churn-every", 5),
				Double.parseDouble(given.getOrDefault("rate", "20")),
				Duration.ofSeconds(integer(given, "group-every-seconds", 10)), integer(given, "group", 100),
				integer(given, "friends-per-side", 2), integer(given, "poll-timeout", 25),
				integer(given, "redis-port", 6397), integer(given, "gateway-port", 28180),
				integer(given, "chat-instances", 2), given.getOrDefault("mysql", "jdbc:mysql://127.0.0.1:3306"),
				given.getOrDefault("database", "webchat_soak"), sessionTimeout,
				Duration.ofMinutes(integer(given, "settled-after-minutes", Math.min(12, minutes * 2 / 5))));
		if (options.churnEvery < 2 || options.friendsPerSide >= options.churnEvery) {
			throw new IllegalArgumentException(
					"--churn-every must be at least 2 and above --friends-per-side: a user who comes and goes "
							+ "must have only friends who stay, so that every message they send can be checked");
		}
		if (options.duration.minus(options.settledAfter).toSeconds() < 3 * options.reportEvery.toSeconds()) {
			throw new IllegalArgumentException("The run must measure at least 3 times after --settled-after-minutes "
					+ "(every --report-seconds) to tell a trend");
		}
		if (options.groupSize > options.users || options.chatInstances < 1 || options.chatInstances > 8) {
			throw new IllegalArgumentException("Need --group <= --users and 1 to 8 --chat-instances");
		}
		return options;
	}

	/** A user who comes and goes, rather than keeping one page open throughout. */
	boolean churns(long userId) {
		return userId % this.churnEvery == 0;
	}

	List<Integer> chatPorts() {
		return IntStream.range(0, this.chatInstances).mapToObj((i) -> this.gatewayPort + 2 + i).toList();
	}

	int accountPort() {
		return this.gatewayPort + 1;
	}

	private static int integer(Map<String, String> given, String name, int fallback) {
		return Integer.parseInt(given.getOrDefault(name, Integer.toString(fallback)));
	}
}
