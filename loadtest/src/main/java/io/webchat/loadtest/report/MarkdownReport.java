package io.webchat.loadtest.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.webchat.loadtest.measure.HostProbe;
import io.webchat.loadtest.measure.LatencySummary;

/**
 * The tables printed at the end of a run and kept as {@code latest.md}: a three-way summary (raw
 * Redis, CometD, webchat), then delivery, cost, idle and per-process tables, then the targets.
 * {@code ×floor} and {@code ×CometD} divide webchat's figure by the same figure of the floor or
 * of CometD at the same scenario and rate in the same run.
 */
public final class MarkdownReport {

	private MarkdownReport() {
	}

	public static String render(RunResult run) {
		StringBuilder out = new StringBuilder();
		out.append("Run of ").append(run.startedAt()).append(" — `").append(run.command()).append("`, commit ")
			.append(run.machine().get("commit")).append(", ").append(run.machine().get("cpus"))
			.append(" CPUs").append(run.machine().containsKey("processor") ? " (" + run.machine().get("processor") + ")" : "")
			.append(", load average before the run ").append(run.machine().get("loadAverageBefore"))
			.append(", N = ").append(run.settings().get("users")).append(" clients, everything on this one machine.\n\n");
		for (SystemResult system : run.systems()) {
			out.append("- **").append(system.name()).append("**: ").append(system.setup()).append('\n');
		}
		out.append('\n');
		restOfTheMachine(out, run);
		hostSpeed(out, run);
		summary(out, run);
		delivery(out, run);
		costPerCopy(out, run);
		idle(out, run);
		processes(out, run);
		targets(out, run);
		return out.toString();
	}

	private static void summary(StringBuilder out, RunResult run) {
		Optional<SystemResult> cometd = run.system(RunResult.COMETD);
		Optional<SystemResult> webchat = run.system(RunResult.WEBCHAT);
		double limit = 100;
		out.append("**Summary**\n\n| | raw Redis | CometD | webchat | webchat ×CometD |\n|---|--:|--:|--:|--:|\n");
		double floorBest = run.floor()
			.stream()
			.filter((step) -> step.latency().count() > 0 && step.latency().p99() <= limit)
			.mapToDouble(RunResult.FloorStep::rate)
			.max()
			.orElse(0);
		row(out, "highest one-to-one rate with p99 ≤ 100 ms (msg/s)", rate(floorBest) + " (highest tried)",
				cometd.map((s) -> s.highestRateWithinText(limit)), webchat.map((s) -> s.highestRateWithinText(limit)),
				ratio(cometd.map((s) -> s.highestRateWithin(limit)), webchat.map((s) -> s.highestRateWithin(limit))));
		double steadyRate = steady(webchat.or(() -> cometd)).map(PhaseResult::offeredRate).orElse(0.0);
		Optional<LatencySummary> steadyFloor = run.floor()
			.stream()
			.filter((step) -> step.rate() == steadyRate)
			.map(RunResult.FloorStep::latency)
			.findFirst();
		String steadyName = String.format(Locale.ROOT, "steady %,.0f msg/s: ", steadyRate);
		row(out, steadyName + "copies delivered per second", "–",
				steady(cometd).map((p) -> String.format(Locale.ROOT, "%,.0f", p.deliveriesPerSecond())),
				steady(webchat).map((p) -> String.format(Locale.ROOT, "%,.0f", p.deliveriesPerSecond())), "");
		row(out, steadyName + "p50 / p99 (ms)", steadyFloor.map(MarkdownReport::p50p99).orElse("–"),
				steady(cometd).map((p) -> p50p99(p.delivery())), steady(webchat).map((p) -> p50p99(p.delivery())),
				ratio(steady(cometd).map((p) -> p.delivery().p99()), steady(webchat).map((p) -> p.delivery().p99()))
						+ " (p99)");
		row(out, "fan-out to " + (((Number) run.settings().get("groupSize")).intValue() - 1) + ": p99 on the clients (ms)",
				(run.fanoutFloor() != null) ? ms(run.fanoutFloor().p99()) : "–",
				fanout(cometd).map((p) -> ms(p.delivery().p99())), fanout(webchat).map((p) -> ms(p.delivery().p99())),
				ratio(fanout(cometd).map((p) -> p.delivery().p99()), fanout(webchat).map((p) -> p.delivery().p99())));
		row(out, steadyName + "CPU per delivered copy, server summed (ms)", "–",
				steady(cometd).map((p) -> cpu(p.costPerCopy().serverCpuMillis())),
				steady(webchat).map((p) -> cpu(p.costPerCopy().serverCpuMillis())),
				ratio(steady(cometd).map((p) -> p.costPerCopy().serverCpuMillis()),
						steady(webchat).map((p) -> p.costPerCopy().serverCpuMillis())));
		row(out, "idle: CPU per poll cycle, server summed (ms)", "–",
				cometd.map((s) -> cpu(s.idle().costPerPollCycle().serverCpuMillis())),
				webchat.map((s) -> cpu(s.idle().costPerPollCycle().serverCpuMillis())),
				ratio(cometd.map((s) -> s.idle().costPerPollCycle().serverCpuMillis()),
						webchat.map((s) -> s.idle().costPerPollCycle().serverCpuMillis())));
		row(out, "idle after the traffic, JVMs warm: CPU per poll cycle, server summed (ms)", "–",
				warmIdle(cometd).map(MarkdownReport::cpu), warmIdle(webchat).map(MarkdownReport::cpu),
				ratio(warmIdle(cometd), warmIdle(webchat)));
		row(out, "idle: live heap per waiting poll, worst JVM (KB)", "–",
				cometd.map((s) -> kib(worst(s.idle().heapPerWaitingPoll()))),
				webchat.map((s) -> kib(worst(s.idle().heapPerWaitingPoll()))),
				ratio(cometd.map((s) -> (double) worst(s.idle().heapPerWaitingPoll())),
						webchat.map((s) -> (double) worst(s.idle().heapPerWaitingPoll()))));
		row(out, "idle: RSS of the server side per waiting poll (KB)", "–",
				cometd.map((s) -> kib(serverRssPerPoll(s.idle()))), webchat.map((s) -> kib(serverRssPerPoll(s.idle()))),
				ratio(cometd.map((s) -> (double) serverRssPerPoll(s.idle())),
						webchat.map((s) -> (double) serverRssPerPoll(s.idle()))));
		row(out, steadyName + "bytes on the wire per copy, client ↔ server", "–",
				steady(cometd).map((p) -> bytes(p.costPerCopy().wireBytes())),
				steady(webchat).map((p) -> bytes(p.costPerCopy().wireBytes())),
				ratio(steady(cometd).map((p) -> p.costPerCopy().wireBytes()),
						steady(webchat).map((p) -> p.costPerCopy().wireBytes())));
		row(out, steadyName + "Redis commands per copy", "2 (RPUSH, BLPOP)", Optional.of("–"),
				steady(webchat).map((p) -> commands(p.costPerCopy().redisCommands())), "");
		row(out, "polls failed over the whole run (an error, or 45 s without an answer)", "–",
				cometd.map(MarkdownReport::pollFailures), webchat.map(MarkdownReport::pollFailures), "");
		out.append('\n');
	}

	private static void delivery(StringBuilder out, RunResult run) {
		out.append("**Delivery** (send due time → recipient's client, ms; floor = raw Redis RPUSH → BLPOP, same N, "
				+ "rate and run; ×CometD = webchat ÷ CometD at the same step)\n\n");
		out.append("| system | scenario | offered msg/s | sent | errors | lost | dup | copies/s | p50 | p90 | p99 | p99.9 | max "
				+ "| floor p50 | floor p99 | ×floor p99 | ×CometD p50 | ×CometD p99 | send p50 | send p99 |\n");
		out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		Optional<SystemResult> cometd = run.system(RunResult.COMETD);
		for (SystemResult system : run.systems()) {
			for (PhaseResult phase : system.phases()) {
				LatencySummary d = phase.delivery();
				Optional<PhaseResult> peer = system.name().equals(RunResult.COMETD) ? Optional.empty()
						: cometd.flatMap((c) -> c.phase(phase.scenario(), phase.offeredRate()));
				out.append(String.format(Locale.ROOT,
						"| %s | %s | %,.0f | %,d | %,d | %,d | %,d | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
						system.name(), phase.name(), phase.offeredRate(), phase.sent(), phase.sendErrors(), phase.lost(),
						phase.duplicated(), phase.deliveriesPerSecond(), ms(d.p50()), ms(d.p90()), ms(d.p99()),
						ms(d.p999()), ms(d.max()), ms(phase.floor().p50()), ms(phase.floor().p99()),
						times(phase.ratioToFloor().p99()), peer.map((p) -> times(d.p50(), p.delivery().p50())).orElse("–"),
						peer.map((p) -> times(d.p99(), p.delivery().p99())).orElse("–"), ms(phase.send().p50()),
						ms(phase.send().p99())));
			}
		}
		out.append('\n');
	}

	private static void costPerCopy(StringBuilder out, RunResult run) {
		out.append("**Cost per delivered copy** (CPU time from /proc over each step and its drain ÷ copies delivered "
				+ "in it; server = every process but the load tool)\n\n");
		out.append("| system | scenario | copies | CPU ms, server | ×CometD | CPU ms per process | Redis commands "
				+ "| bytes on the wire |\n|---|---|--:|--:|--:|---|--:|--:|\n");
		Optional<SystemResult> cometd = run.system(RunResult.COMETD);
		for (SystemResult system : run.systems()) {
			for (PhaseResult phase : system.phases()) {
				Cost cost = phase.costPerCopy();
				Optional<PhaseResult> peer = system.name().equals(RunResult.COMETD) ? Optional.empty()
						: cometd.flatMap((c) -> c.phase(phase.scenario(), phase.offeredRate()));
				out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | %s |%n", system.name(),
						phase.name(), cost.events(), cpu(cost.serverCpuMillis()),
						peer.map((p) -> times(cost.serverCpuMillis(), p.costPerCopy().serverCpuMillis())).orElse("–"),
						perProcess(cost.cpuMillis(), MarkdownReport::cpu), commands(cost.redisCommands()),
						bytes(cost.wireBytes())));
			}
		}
		out.append('\n');
	}

	private static void idle(StringBuilder out, RunResult run) {
		out.append("**Idle** (a): N polls waiting, no messages; a poll cycle is a poll answered at its timeout and made "
				+ "again. Live objects (the sum of a class histogram) and heap in use (G1's regions, `GC.heap_info`), "
				+ "each after a full GC with the polls waiting less before them, ÷ N.\n\n");
		out.append("| system | polls waiting | poll cycles | CPU ms per cycle, server | CPU ms per cycle per process "
				+ "| live objects per waiting poll | heap in use per waiting poll | RSS per waiting poll "
				+ "| Redis commands per cycle | bytes on the wire per cycle |\n|---|--:|--:|--:|---|---|---|---|--:|--:|\n");
		for (SystemResult system : run.systems()) {
			IdleResult idle = system.idle();
			Cost cost = idle.costPerPollCycle();
			out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %s | %s | %s | %s |%n", system.name(),
					idle.waitingPolls(), cost.events(), cpu(cost.serverCpuMillis()),
					perProcess(cost.cpuMillis(), MarkdownReport::cpu),
					idle.liveObjectBytesPerWaitingPoll().isEmpty() ? "–"
							: perProcess(idle.liveObjectBytesPerWaitingPoll(), (b) -> kib(b) + " KB"),
					perProcess(idle.liveHeapBytesPerWaitingPoll(), (b) -> kib(b) + " KB"),
					perProcess(idle.rssBytesPerWaitingPoll(), (b) -> kib(b) + " KB"), commands(cost.redisCommands()),
					bytes(cost.wireBytes())));
			IdleWindow warm = system.idleAfterTraffic();
			if (warm != null) {
				Cost warmCost = warm.costPerPollCycle();
				out.append(String.format(Locale.ROOT, "| %s, (e) after the traffic | – | %,d | %s | %s | – | – | – | %s | %s |%n",
						system.name(), warmCost.events(), cpu(warmCost.serverCpuMillis()),
						perProcess(warmCost.cpuMillis(), MarkdownReport::cpu), commands(warmCost.redisCommands()),
						bytes(warmCost.wireBytes())));
			}
		}
		run.system(RunResult.WEBCHAT).map(SystemResult::idle).filter((idle) -> idle.redis() != null).ifPresent((idle) -> {
			IdleResult.RedisIdle redis = idle.redis();
			out.append(String.format(Locale.ROOT,
					"%nwebchat's Redis with the polls waiting: %,d connections of which %,d blocked (blocked_clients), "
							+ "%,d bytes each (mem_clients_normal); used_memory grew by %,d bytes per waiting poll "
							+ "(%,d → %,d), %,d bytes per user in all (sessions, read model, clients).%n",
					redis.connectedClients(), redis.blockedClients(), redis.clientBytesPerConnection(),
					redis.bytesPerWaitingPoll(), redis.usedMemoryBeforePolls(), redis.usedMemoryWithPolls(),
					redis.bytesPerUser()));
		});
		out.append('\n');
	}

	private static void processes(StringBuilder out, RunResult run) {
		out.append("**CPU** (% of one core; the machine has ").append(run.machine().get("cpus")).append(" = ")
			.append(100 * ((Number) run.machine().get("cpus")).intValue())
			.append(" %) **and RSS** (MiB) per process, over each step\n\n");
		for (SystemResult system : run.systems()) {
			List<String> names = List.copyOf(system.idle().processes().keySet());
			out.append("| ").append(system.name()).append(" |");
			names.forEach((name) -> out.append(' ').append(name).append(" |"));
			out.append(" rest of the machine | host probe, ms (hash / walk) |\n|---|");
			names.forEach((name) -> out.append("--:|"));
			out.append("--:|--:|\n");
			appendProcesses(out, "(a) idle", names, system.idle().processes(), system.idle().machine());
			for (PhaseResult phase : system.phases()) {
				appendProcesses(out, phase.name(), names, phase.processes(), phase.machine());
			}
			if (system.idleAfterTraffic() != null) {
				appendProcesses(out, "(e) idle after the traffic", names, system.idleAfterTraffic().processes(),
						system.idleAfterTraffic().machine());
			}
			out.append('\n');
		}
	}

	private static void targets(StringBuilder out, RunResult run) {
		if (run.targets().isEmpty()) {
			return;
		}
		out.append("**Targets** (webchat; 5–8 are the cost goals)\n\n| # | target | | measured |\n|---|---|---|---|\n");
		for (RunResult.Target target : run.targets()) {
			out.append("| ").append(target.id()).append(" | ").append(target.target()).append(" | ")
				.append(target.met() ? "met" : "**missed**").append(" | ").append(target.measured()).append(" |\n");
		}
	}

	private static void appendProcesses(StringBuilder out, String name, List<String> names,
			Map<String, ProcessUse> processes, MachineUse machine) {
		out.append("| ").append(name).append(" |");
		for (String process : names) {
			ProcessUse use = processes.get(process);
			out.append((use != null) ? String.format(Locale.ROOT, " %.0f %% / %.0f |", use.cpuPercent(), use.rssMib())
					: " – |");
		}
		out.append((machine != null && machine.known()) ? String.format(Locale.ROOT, " %.0f %%%s |",
				machine.otherPercent(), (machine.stealPercent() > 0)
						? String.format(Locale.ROOT, " (steal %.0f %%)", machine.stealPercent()) : "")
				: " – |");
		HostProbe.Reading probe = (machine != null) ? machine.probe() : HostProbe.Reading.NONE;
		out.append(probe.known() ? String.format(Locale.ROOT, " %.2f / %.2f |", probe.computeMillis(),
				probe.memoryMillis()) : " – |");
		out.append('\n');
	}

	/**
	 * How much else ran on the machine while each system was measured. A step where other work
	 * took more than {@link #DISTURBED_PERCENT} of a core is named: its CPU figures are inflated
	 * (the cores and their caches were shared), so a run with such steps is not one to compare.
	 */
	private static void restOfTheMachine(StringBuilder out, RunResult run) {
		out.append("Beside the measured processes, the rest of the machine used");
		boolean first = true;
		List<String> disturbed = new java.util.ArrayList<>();
		for (SystemResult system : run.systems()) {
			double most = 0;
			for (Map.Entry<String, MachineUse> step : steps(system).entrySet()) {
				MachineUse machine = step.getValue();
				if (machine == null || !machine.known()) {
					continue;
				}
				most = Math.max(most, machine.otherPercent());
				if (machine.otherPercent() > DISTURBED_PERCENT) {
					disturbed.add(system.name() + " " + step.getKey());
				}
			}
			out.append(first ? " " : ", ").append(String.format(Locale.ROOT, "at most %.0f %% of a core during %s's steps",
					most, system.name()));
			first = false;
		}
		out.append(disturbed.isEmpty() ? ": a quiet machine.\n\n"
				: String.format(Locale.ROOT, ". **Disturbed** (other work above %.0f %% of a core; their CPU figures are inflated): %s.%n%n",
						DISTURBED_PERCENT, String.join(", ", disturbed)));
	}

	private static final double DISTURBED_PERCENT = 20;

	/**
	 * How fast the cores were during each system's steps, by the {@link HostProbe} timed before
	 * each. Two systems' CPU figures, or one system's in two runs, compare only where the probe
	 * read alike; where the medians differ by more than {@link #SLOWER_HOST_PERCENT}, the report
	 * says by how much.
	 */
	private static void hostSpeed(StringBuilder out, RunResult run) {
		Map<String, List<HostProbe.Reading>> readings = new java.util.LinkedHashMap<>();
		for (SystemResult system : run.systems()) {
			List<HostProbe.Reading> known = steps(system).values()
				.stream()
				.filter((machine) -> machine != null && machine.probe().known())
				.map(MachineUse::probe)
				.toList();
			if (!known.isEmpty()) {
				readings.put(system.name(), known);
			}
		}
		if (readings.isEmpty()) {
			return;
		}
		out.append("The host probe (CPU ms of one fixed job before each step: hashing 4 MiB / a random walk over "
				+ "64 MiB; lower is faster; median and range) read");
		boolean first = true;
		for (Map.Entry<String, List<HostProbe.Reading>> system : readings.entrySet()) {
			List<Double> compute = system.getValue().stream().map(HostProbe.Reading::computeMillis).sorted().toList();
			List<Double> memory = system.getValue().stream().map(HostProbe.Reading::memoryMillis).sorted().toList();
			out.append(first ? " " : ", ").append(String.format(Locale.ROOT, "%.2f (%.2f–%.2f) / %.1f (%.1f–%.1f) before %s's steps",
					median(compute), compute.get(0), compute.get(compute.size() - 1), median(memory), memory.get(0),
					memory.get(memory.size() - 1), system.getKey()));
			first = false;
		}
		List<String> names = List.copyOf(readings.keySet());
		List<String> slower = new java.util.ArrayList<>();
		for (String name : names.subList(1, names.size())) {
			PROBE_PARTS.forEach((part) -> {
				double base = median(readings.get(names.get(0)).stream().map(part.millis()).sorted().toList());
				double other = median(readings.get(name).stream().map(part.millis()).sorted().toList());
				double percent = (other / base - 1) * 100;
				if (Math.abs(percent) > SLOWER_HOST_PERCENT) {
					slower.add(String.format(Locale.ROOT, "%s %.0f %% %s during %s's steps than during %s's", part.what(),
							Math.abs(percent), (percent > 0) ? "slower" : "faster", name, names.get(0)));
				}
			});
		}
		out.append(slower.isEmpty() ? ".\n\n"
				: ". **The host's speed changed**: " + String.join("; ", slower)
						+ "; their CPU figures differ by about as much for that reason alone.\n\n");
	}

	private static final double SLOWER_HOST_PERCENT = 10;

	private record ProbePart(String what, Function<HostProbe.Reading, Double> millis) {
	}

	private static final List<ProbePart> PROBE_PARTS = List.of(
			new ProbePart("the cores were", HostProbe.Reading::computeMillis),
			new ProbePart("memory was", HostProbe.Reading::memoryMillis));

	private static double median(List<Double> sorted) {
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/** Each step of a system, named as the report names it, with the machine over it. */
	private static Map<String, MachineUse> steps(SystemResult system) {
		Map<String, MachineUse> steps = new java.util.LinkedHashMap<>();
		steps.put("(a) idle", system.idle().machine());
		system.phases().forEach((phase) -> steps.put(phase.name(), phase.machine()));
		if (system.idleAfterTraffic() != null) {
			steps.put("(e) idle after the traffic", system.idleAfterTraffic().machine());
		}
		return steps;
	}

	private static void row(StringBuilder out, String what, String floor, Optional<String> cometd,
			Optional<String> webchat, String ratio) {
		out.append("| ").append(what).append(" | ").append(floor).append(" | ").append(cometd.orElse("–")).append(" | ")
			.append(webchat.orElse("–")).append(" | ").append(ratio).append(" |\n");
	}

	private static Optional<Double> warmIdle(Optional<SystemResult> system) {
		return system.map(SystemResult::idleAfterTraffic).map((idle) -> idle.costPerPollCycle().serverCpuMillis());
	}

	private static Optional<PhaseResult> steady(Optional<SystemResult> system) {
		return system.flatMap((s) -> s.phases().stream().filter((p) -> p.scenario().equals("steady")).findFirst());
	}

	private static Optional<PhaseResult> fanout(Optional<SystemResult> system) {
		return system.flatMap((s) -> s.phases().stream().filter((p) -> p.scenario().equals("fanout")).findFirst());
	}

	private static String pollFailures(SystemResult system) {
		Object polls = system.notes().get("polls");
		Object kinds = system.notes().get("pollErrorKinds");
		long failed = (kinds instanceof Map<?, ?> map)
				? map.values().stream().mapToLong((count) -> ((Number) count).longValue()).sum() : 0;
		return String.format(Locale.ROOT, "%,d%s; %,d answered", failed, (failed > 0) ? " " + kinds : "",
				(polls instanceof Number answered) ? answered.longValue() : 0);
	}

	private static String ratio(Optional<Double> cometd, Optional<Double> webchat) {
		return (cometd.isPresent() && webchat.isPresent()) ? times(webchat.get(), cometd.get()) : "–";
	}

	private static <T> String perProcess(Map<String, T> values, Function<T, String> format) {
		return values.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " " + format.apply(entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	private static long worst(Map<String, Long> bytes) {
		return bytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
	}

	/** Growth of every server process's resident memory from before the polls to the idle window's end, ÷ N. */
	private static long serverRssPerPoll(IdleResult idle) {
		double mib = 0;
		for (Map.Entry<String, ProcessUse> process : idle.processes().entrySet()) {
			Double before = idle.rssBeforePollsMib().get(process.getKey());
			if (before != null && !process.getKey().equals(io.webchat.loadtest.measure.SystemProcesses.LOAD_TOOL)) {
				mib += process.getValue().rssMib() - before;
			}
		}
		return Math.round(mib * 1024 * 1024 / idle.users());
	}

	private static String p50p99(LatencySummary latency) {
		return ms(latency.p50()) + " / " + ms(latency.p99());
	}

	private static String rate(double rate) {
		return String.format(Locale.ROOT, "%,.0f", rate);
	}

	private static String cpu(double millis) {
		return String.format(Locale.ROOT, "%.3f", millis);
	}

	private static String kib(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
	}

	private static String bytes(double bytes) {
		return String.format(Locale.ROOT, "%,.0f", bytes);
	}

	private static String commands(double commands) {
		return (commands < 0) ? "–" : String.format(Locale.ROOT, "%.1f", commands);
	}

	static String ms(double millis) {
		if (millis == 0) {
			return "–";
		}
		return (millis < 10) ? String.format(Locale.ROOT, "%.2f", millis) : String.format(Locale.ROOT, "%,.0f", millis);
	}

	static String times(double ratio) {
		return (ratio == 0) ? "–" : String.format(Locale.ROOT, "%.1f×", ratio);
	}

	/** Two significant figures at least, so that a small ratio such as 50 ÷ 2,000 does not read 0.0×. */
	private static String times(double value, double peer) {
		if (peer <= 0 || value <= 0) {
			return "–";
		}
		double ratio = value / peer;
		return String.format(Locale.ROOT, (ratio < 1) ? "%.2g×" : "%.1f×", ratio);
	}
}
