package io.webchat.loadtest.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.webchat.loadtest.measure.ProcessStats;
import io.webchat.loadtest.measure.SystemProcesses;
import io.webchat.loadtest.redis.BenchmarkRedis;

/**
 * One measurement of the soak: each server process's memory and open files, and what Redis holds.
 *
 * @param minute minutes since the traffic started
 * @param processes by name: the gateway, account-service, each chat instance, Redis
 * @param redisUsedMib Redis's {@code used_memory}
 * @param redisKeys every key in Redis: sessions, clients, inboxes, conversations
 */
public record Sample(double minute, Map<String, Process> processes, double redisUsedMib, long redisKeys) {

	/**
	 * @param heapAfterGcMib the live heap after a forced full collection; {@code null} for Redis
	 * @param rssMib resident memory
	 * @param openFiles file descriptors, sockets included
	 */
	public record Process(Double heapAfterGcMib, double rssMib, int openFiles) {
	}

	private static final double MIB = 1024.0 * 1024.0;

	static Sample take(double minute, SystemProcesses system, BenchmarkRedis redis) {
		Map<String, Long> heap = system.liveHeapBytes();
		Map<String, ProcessStats> stats = system.sample();
		Map<String, Process> processes = new LinkedHashMap<>();
		stats.forEach((name, stat) -> {
			if (!name.equals(SystemProcesses.LOAD_TOOL)) {
				Long live = heap.get(name);
				processes.put(name, new Process((live != null) ? round(live / MIB) : null, stat.rssMib(),
						stat.openFiles()));
			}
		});
		Map<String, String> info = redis.info();
		return new Sample(round(minute), processes, round(Long.parseLong(info.getOrDefault("used_memory", "0")) / MIB),
				keys(info.getOrDefault("db0", "")));
	}

	/** {@code db0:keys=5432,expires=5000,avg_ttl=…} of {@code INFO keyspace}; absent while Redis is empty. */
	static long keys(String keyspace) {
		for (String field : keyspace.split(",")) {
			if (field.startsWith("keys=")) {
				return Long.parseLong(field.substring("keys=".length()));
			}
		}
		return 0;
	}

	/**
	 * Every series the soak judges, from {@code fromMinute} on. The allowances: a tenth of the
	 * series' mean, or for small series 8 MiB of heap, 48 MiB of resident memory (a JVM's code
	 * cache and malloc arenas move by that much), 32 open files, 4 MiB and 200 keys in Redis.
	 */
	static List<Trend> trends(List<Sample> samples, double fromMinute) {
		List<Trend> trends = new ArrayList<>();
		for (String name : samples.get(0).processes().keySet()) {
			if (samples.get(0).processes().get(name).heapAfterGcMib() != null) {
				trends.add(Trend.of(name + " heap after GC (MiB)",
						points(samples, (sample) -> sample.processes().get(name).heapAfterGcMib()), 0.10, 8, fromMinute));
			}
			trends.add(Trend.of(name + " resident memory (MiB)",
					points(samples, (sample) -> sample.processes().get(name).rssMib()), 0.10, 48, fromMinute));
			trends.add(Trend.of(name + " open files",
					points(samples, (sample) -> (double) sample.processes().get(name).openFiles()), 0.10, 32, fromMinute));
		}
		trends.add(Trend.of("Redis used_memory (MiB)", points(samples, Sample::redisUsedMib), 0.10, 4, fromMinute));
		trends.add(Trend.of("Redis keys", points(samples, (sample) -> (double) sample.redisKeys()), 0.10, 200,
				fromMinute));
		return trends;
	}

	private static List<double[]> points(List<Sample> samples, java.util.function.Function<Sample, Double> value) {
		return samples.stream()
			.filter((sample) -> value.apply(sample) != null)
			.map((sample) -> new double[] { sample.minute(), value.apply(sample) })
			.toList();
	}

	String describe() {
		return String.format(Locale.ROOT, "min %5.1f | ", this.minute) + this.processes.entrySet()
			.stream()
			.map((entry) -> String.format(Locale.ROOT, "%s %s%.0f MiB %d fds", entry.getKey(),
					(entry.getValue().heapAfterGcMib() != null)
							? String.format(Locale.ROOT, "heap %.1f/", entry.getValue().heapAfterGcMib()) : "",
					entry.getValue().rssMib(), entry.getValue().openFiles()))
			.collect(Collectors.joining(", "))
				+ String.format(Locale.ROOT, " | Redis %.1f MiB %,d keys", this.redisUsedMib, this.redisKeys);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}
}
