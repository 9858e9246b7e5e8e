package io.webchat.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.webchat.loadtest.report.IdleResult;
import io.webchat.loadtest.report.PhaseResult;
import io.webchat.loadtest.report.RunResult;
import io.webchat.loadtest.report.RunResult.Target;
import io.webchat.loadtest.report.SystemResult;

/**
 * webchat's targets, judged from one run's numbers: the delivery targets (1–4) and the cost
 * goals (5–8), which are what a message and a waiting client cost rather than how fast one run
 * on a shared machine happened to be — those hold across machines.
 */
final class Targets {

	/** CPU per delivered copy, server processes summed: CometD needs about 0.5 ms on this machine kind. */
	static final double CPU_MILLIS_PER_COPY = 1.0;

	/** CPU per idle poll cycle, server processes summed: CometD's level. */
	static final double CPU_MILLIS_PER_POLL_CYCLE = 0.6;

	/** Live heap per waiting poll in each JVM. */
	static final long HEAP_BYTES_PER_WAITING_POLL = 20 * 1024;

	private Targets() {
	}

	static List<Target> evaluate(LoadTestOptions options, List<SystemResult> systems) {
		Optional<SystemResult> webchat = systems.stream()
			.filter((system) -> system.name().equals(RunResult.WEBCHAT))
			.findFirst();
		if (webchat.isEmpty()) {
			return List.of();
		}
		Optional<SystemResult> cometd = systems.stream()
			.filter((system) -> system.name().equals(RunResult.COMETD))
			.findFirst();
		List<Target> targets = new ArrayList<>();
		delivery(options, webchat.get(), targets);
		costs(options, webchat.get(), cometd, targets);
		return targets;
	}

	private static void delivery(LoadTestOptions options, SystemResult webchat, List<Target> targets) {
		steady(webchat).ifPresent((steady) -> {
			boolean met = steady.delivery().count() > 0 && steady.delivery().p50() <= 3 && steady.delivery().p99() <= 25
					&& steady.lost() == 0 && steady.duplicated() == 0 && steady.sendErrors() == 0
					&& steady.pollErrors() == 0;
			targets.add(new Target("1", String.format(Locale.ROOT,
					"N = %,d, %,.0f one-to-one msg/s: p50 ≤ 3 ms, p99 ≤ 25 ms, 0 lost, 0 duplicated, 0 errors",
					options.users(), steady.offeredRate()), met,
					String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, %d lost, %d duplicated, %d send + %d poll errors",
							steady.delivery().p50(), steady.delivery().p99(), steady.lost(), steady.duplicated(),
							steady.sendErrors(), steady.pollErrors())));
		});
		double best = webchat.highestRateWithin(options.rampLimitMillis());
		targets.add(new Target("2", "highest sustained one-to-one rate with p99 ≤ 100 ms: ≥ 3,000 msg/s", best >= 3000,
				String.format(Locale.ROOT, "%s msg/s (highest ramp step with p99 ≤ %.0f ms, nothing lost, no errors)",
						webchat.highestRateWithinText(options.rampLimitMillis()), options.rampLimitMillis())));
		webchat.phases().stream().filter((phase) -> phase.scenario().equals("fanout")).findFirst().ifPresent((fanout) -> {
			// a run where nothing arrived has no percentiles to judge, and is no success
			boolean met = fanout.delivery().count() > 0 && fanout.send().p99() <= 20 && fanout.delivery().p99() <= 200
					&& fanout.lost() == 0 && fanout.sendErrors() == 0;
			targets.add(new Target("3", String.format(Locale.ROOT,
					"%,d-member group: in every inbox ≤ 20 ms p99 (server side), on every client ≤ 200 ms p99",
					options.groupSize()), met,
					String.format(Locale.ROOT,
							"in every inbox (send answered, an upper bound) p99 %.2f ms; on every client p99 %.2f ms; %d lost; %d send errors",
							fanout.send().p99(), fanout.delivery().p99(), fanout.lost(), fanout.sendErrors())));
		});
		IdleResult idle = webchat.idle();
		if (idle != null && idle.redis() != null) {
			double worstChatRss = idle.processes()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().startsWith("chat-service"))
				.mapToDouble((entry) -> entry.getValue().rssMib())
				.max()
				.orElse(0);
			// used_memory's growth includes the client buffers (mem_clients_normal) the polls cost;
			// not per connection: the polls of an instance share one connection
			boolean met = worstChatRss <= 512 && idle.redis().bytesPerWaitingPoll() <= 4096
					&& idle.waitingPolls() >= idle.users() && idle.pollErrors() == 0;
			targets.add(new Target("4",
					"idle: N waiting polls cost each chat instance ≤ 512 MiB RSS and Redis ≤ 4 KB per waiting client; no pool queueing",
					met,
					String.format(Locale.ROOT,
							"chat RSS %s MiB; Redis %,d B per waiting poll (used_memory growth; %,d B per client connection, %,d B per user in all); %,d of %,d polls parked in Redis; %d poll errors",
							chatRss(idle), idle.redis().bytesPerWaitingPoll(), idle.redis().clientBytesPerConnection(),
							idle.redis().bytesPerUser(), idle.waitingPolls(), idle.users(), idle.pollErrors())));
		}
	}

	private static void costs(LoadTestOptions options, SystemResult webchat, Optional<SystemResult> cometd,
			List<Target> targets) {
		steady(webchat).ifPresent((steady) -> targets.add(new Target("5",
				String.format(Locale.ROOT, "goal: ≤ %.1f ms CPU per delivered copy, server processes summed (steady %,.0f msg/s)",
						CPU_MILLIS_PER_COPY, steady.offeredRate()),
				steady.costPerCopy().events() > 0 && steady.costPerCopy().serverCpuMillis() <= CPU_MILLIS_PER_COPY,
				String.format(Locale.ROOT, "%.2f ms (%s)%s", steady.costPerCopy().serverCpuMillis(),
						perProcess(steady.costPerCopy().cpuMillis()),
						cometd.flatMap(Targets::steady)
							.map((peer) -> String.format(Locale.ROOT, "; CometD %.2f ms",
									peer.costPerCopy().serverCpuMillis()))
							.orElse("")))));
		IdleResult idle = webchat.idle();
		if (idle != null) {
			targets.add(new Target("6",
					String.format(Locale.ROOT, "goal: ≤ %.1f ms CPU per idle poll cycle, server processes summed",
							CPU_MILLIS_PER_POLL_CYCLE),
					idle.costPerPollCycle().events() > 0
							&& idle.costPerPollCycle().serverCpuMillis() <= CPU_MILLIS_PER_POLL_CYCLE,
					String.format(Locale.ROOT, "%.2f ms over %,d poll cycles (%s)%s",
							idle.costPerPollCycle().serverCpuMillis(), idle.costPerPollCycle().events(),
							perProcess(idle.costPerPollCycle().cpuMillis()),
							cometd.map(SystemResult::idle)
								.map((peer) -> String.format(Locale.ROOT, "; CometD %.2f ms",
										peer.costPerPollCycle().serverCpuMillis()))
								.orElse("")
									+ Optional.ofNullable(webchat.idleAfterTraffic())
										.map((warm) -> String.format(Locale.ROOT, "; after the traffic, JVMs warm: %.2f ms",
												warm.costPerPollCycle().serverCpuMillis()))
										.orElse(""))));
			Map<String, Long> heapPerPoll = idle.heapPerWaitingPoll();
			long worst = heapPerPoll.values().stream().mapToLong(Long::longValue).max().orElse(-1);
			// every JVM measured, or one that could not be read might be the worst
			boolean measured = !heapPerPoll.isEmpty()
					&& heapPerPoll.keySet().containsAll(idle.liveHeapBytesWithPolls().keySet())
					&& idle.liveHeapBytesWithPolls().keySet().containsAll(idle.liveHeapBytesBeforePolls().keySet());
			targets.add(new Target("7",
					String.format(Locale.ROOT, "goal: ≤ %,d KB live heap per waiting poll in each JVM",
							HEAP_BYTES_PER_WAITING_POLL / 1024),
					measured && worst <= HEAP_BYTES_PER_WAITING_POLL,
					String.format(Locale.ROOT, "%s%s", kib(heapPerPoll),
							cometd.map(SystemResult::idle)
								.map((peer) -> "; CometD " + kib(peer.heapPerWaitingPoll()))
								.orElse(""))));
		}
		cometd.ifPresent((peer) -> {
			double ours = webchat.highestRateWithin(options.rampLimitMillis());
			double theirs = peer.highestRateWithin(options.rampLimitMillis());
			targets.add(new Target("8",
					String.format(Locale.ROOT, "goal: highest one-to-one rate with p99 ≤ %.0f ms ≥ CometD's in the same run",
							options.rampLimitMillis()),
					ours > 0 && ours >= theirs,
					String.format(Locale.ROOT, "webchat %s msg/s, CometD %s msg/s",
							webchat.highestRateWithinText(options.rampLimitMillis()),
							peer.highestRateWithinText(options.rampLimitMillis()))));
		});
	}

	private static Optional<PhaseResult> steady(SystemResult system) {
		return system.phases().stream().filter((phase) -> phase.scenario().equals("steady")).findFirst();
	}

	private static String perProcess(Map<String, Double> millis) {
		return millis.entrySet()
			.stream()
			.map((entry) -> String.format(Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	private static String kib(Map<String, Long> bytes) {
		return bytes.entrySet()
			.stream()
			.map((entry) -> String.format(Locale.ROOT, "%s %.1f KB", entry.getKey(), entry.getValue() / 1024.0))
			.collect(Collectors.joining(", "));
	}

	private static String chatRss(IdleResult idle) {
		List<String> values = new ArrayList<>();
		idle.processes().forEach((name, use) -> {
			if (name.startsWith("chat-service")) {
				values.add(String.format(Locale.ROOT, "%.0f", use.rssMib()));
			}
		});
		return String.join(" / ", values);
	}

}
