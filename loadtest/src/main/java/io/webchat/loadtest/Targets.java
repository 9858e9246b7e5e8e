package io.webchat.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.webchat.loadtest.report.IdleResult;
import io.webchat.loadtest.report.PhaseResult;
import io.webchat.loadtest.report.RunResult.Target;

/** The four targets, judged from one run's numbers. */
final class Targets {

	private Targets() {
	}

	static List<Target> evaluate(LoadTestOptions options, IdleResult idle, List<PhaseResult> phases) {
		List<Target> targets = new ArrayList<>();
		phases.stream().filter((phase) -> phase.scenario().equals("steady")).findFirst().ifPresent((steady) -> {
			boolean met = steady.delivery().count() > 0 && steady.delivery().p50() <= 3 && steady.delivery().p99() <= 25
					&& steady.lost() == 0
					&& steady.duplicated() == 0 && steady.sendErrors() == 0 && steady.pollErrors() == 0;
			targets.add(new Target("1", String.format(Locale.ROOT,
					"N = %,d, %,.0f one-to-one msg/s: p50 ≤ 3 ms, p99 ≤ 25 ms, 0 lost, 0 duplicated, 0 errors",
					options.users(), steady.offeredRate()), met,
					String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, %d lost, %d duplicated, %d send + %d poll errors",
							steady.delivery().p50(), steady.delivery().p99(), steady.lost(), steady.duplicated(),
							steady.sendErrors(), steady.pollErrors())));
		});
		double best = phases.stream()
			.filter((phase) -> phase.scenario().equals("ramp"))
			.filter((phase) -> phase.delivery().count() > 0 && phase.delivery().p99() <= options.rampLimitMillis()
					&& phase.lost() == 0 && phase.sendErrors() == 0)
			.mapToDouble(PhaseResult::offeredRate)
			.max()
			.orElse(0);
		targets.add(new Target("2", "highest sustained one-to-one rate with p99 ≤ 100 ms: ≥ 3,000 msg/s", best >= 3000,
				String.format(Locale.ROOT, "%,.0f msg/s (highest ramp step with p99 ≤ %.0f ms, nothing lost, no errors)",
						best, options.rampLimitMillis())));
		phases.stream().filter((phase) -> phase.scenario().equals("fanout")).findFirst().ifPresent((fanout) -> {
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
		if (idle != null) {
			double worstChatRss = idle.processes()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().startsWith("chat-service"))
				.mapToDouble((entry) -> entry.getValue().rssMib())
				.max()
				.orElse(0);
			// used_memory's growth includes the client buffers (mem_clients_normal) the polls cost;
			// per connection is no measure any more: the polls of an instance share one connection
			boolean met = worstChatRss <= 512 && idle.redisBytesPerWaitingPoll() <= 4096
					&& idle.waitingPolls() >= idle.users() && idle.pollErrors() == 0;
			targets.add(new Target("4",
					"idle: N waiting polls cost each chat instance ≤ 512 MiB RSS and Redis ≤ 4 KB per waiting client; no pool queueing",
					met,
					String.format(Locale.ROOT,
							"chat RSS %s MiB; Redis %,d B per waiting poll (used_memory growth; %,d B per client connection, %,d B per user in all); %,d of %,d polls parked in Redis; %d poll errors",
							chatRss(idle), idle.redisBytesPerWaitingPoll(), idle.redisClientBytesPerConnection(),
							idle.redisBytesPerUser(), idle.waitingPolls(),
							idle.users(), idle.pollErrors())));
		}
		return targets;
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
