package io.webchat.loadtest.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.webchat.loadtest.measure.LatencySummary;

/** The tables printed at the end of a run and kept as {@code latest.md} for the README. */
public final class MarkdownReport {

	private static final List<String> PROCESSES = List.of("gateway", "chat-service-1", "chat-service-2",
			"account-service", "redis", "load tool");

	private MarkdownReport() {
	}

	public static String render(RunResult run) {
		StringBuilder out = new StringBuilder();
		out.append("Run of ").append(run.startedAt()).append(" — `").append(run.command()).append("`, ")
			.append(run.machine().get("cpus")).append(" CPUs, load average before the run ")
			.append(run.machine().get("loadAverageBefore")).append(", N = ").append(run.settings().get("users"))
			.append(" clients.\n\n");

		out.append("**Delivery** (send due time → recipient's client, ms; floor = raw Redis RPUSH → BLPOP, same N, rate and run)\n\n");
		out.append("| scenario | offered msg/s | sent | errors | lost | dup | copies/s | p50 | p90 | p99 | p99.9 | max "
				+ "| floor p50 | floor p99 | ×floor p50 | ×floor p99 | send p50 | send p99 |\n");
		out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (PhaseResult phase : run.phases()) {
			LatencySummary d = phase.delivery();
			out.append(String.format(Locale.ROOT,
					"| %s | %,.0f | %,d | %,d | %,d | %,d | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
					phase.name(), phase.offeredRate(), phase.sent(), phase.sendErrors(), phase.lost(), phase.duplicated(),
					phase.deliveriesPerSecond(), ms(d.p50()), ms(d.p90()), ms(d.p99()), ms(d.p999()), ms(d.max()),
					ms(phase.floor().p50()), ms(phase.floor().p99()), times(phase.ratioToFloor().p50()),
					times(phase.ratioToFloor().p99()), ms(phase.send().p50()), ms(phase.send().p99())));
		}

		out.append("\n**CPU** (% of one core; the machine has ").append(run.machine().get("cpus"))
			.append(" = ").append(100 * ((Number) run.machine().get("cpus")).intValue()).append(" %) **and RSS** (MiB) per process\n\n");
		out.append("| scenario |");
		PROCESSES.forEach((name) -> out.append(' ').append(name).append(" |"));
		out.append("\n|---|");
		PROCESSES.forEach((name) -> out.append("--:|"));
		out.append('\n');
		if (run.idle() != null) {
			appendProcesses(out, "(a) idle", run.idle().processes());
		}
		for (PhaseResult phase : run.phases()) {
			appendProcesses(out, phase.name(), phase.processes());
		}

		IdleResult idle = run.idle();
		if (idle != null) {
			out.append("\n**Idle capacity** (a): ").append(String.format(Locale.ROOT,
					"%,d clients; %,d polls parked in Redis (their parked keys), %,d Redis connections of which %,d "
							+ "blocked (blocked_clients), %,d bytes each "
							+ "(mem_clients_normal); used_memory grew by %,d bytes per waiting poll (%,d → %,d), %,d bytes "
							+ "per user in all (sessions, read model, clients); poll errors %d.%n",
					idle.users(), idle.waitingPolls(), idle.connectedClients(), idle.blockedClients(),
					idle.redisClientBytesPerConnection(),
					idle.redisBytesPerWaitingPoll(), idle.redisUsedMemoryBeforePolls(), idle.redisUsedMemoryWithPolls(),
					idle.redisBytesPerUser(), idle.pollErrors()));
		}

		out.append("\n**Targets**\n\n| # | target | | measured |\n|---|---|---|---|\n");
		for (RunResult.Target target : run.targets()) {
			out.append("| ").append(target.id()).append(" | ").append(target.target()).append(" | ")
				.append(target.met() ? "met" : "**missed**").append(" | ").append(target.measured()).append(" |\n");
		}
		return out.toString();
	}

	private static void appendProcesses(StringBuilder out, String name, Map<String, ProcessUse> processes) {
		out.append("| ").append(name).append(" |");
		for (String process : PROCESSES) {
			ProcessUse use = processes.get(process);
			out.append((use != null) ? String.format(Locale.ROOT, " %.0f %% / %.0f |", use.cpuPercent(), use.rssMib())
					: " – |");
		}
		out.append('\n');
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
}
