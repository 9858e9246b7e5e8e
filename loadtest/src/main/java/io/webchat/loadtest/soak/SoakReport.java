package io.webchat.loadtest.soak;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The soak's result as Markdown: what ran, what arrived, every sample, and the verdict on each series. */
final class SoakReport {

	private SoakReport() {
	}

	static String render(String command, Instant started, List<Sample> samples, List<Trend> trends,
			Map<String, Object> result) {
		StringBuilder out = new StringBuilder();
		out.append("# Soak ").append(started).append("\n\n`").append(command).append("` — ")
			.append(Boolean.TRUE.equals(result.get("passed")) ? "**passed**" : "**failed**")
			.append("\n\n")
			.append("Options: ")
			.append(result.get("options"))
			.append("\n\nDelivery: ")
			.append(result.get("delivery"))
			.append("\n\nUsers who come and go: ")
			.append(result.get("churn"))
			.append("\n\n");
		List<String> names = List.copyOf(samples.get(0).processes().keySet());
		out.append("| minute |");
		names.forEach((name) -> out.append(' ').append(name).append(" heap / RSS MiB, fds |"));
		out.append(" Redis MiB, keys |\n|---|");
		names.forEach((name) -> out.append("---|"));
		out.append("---|\n");
		for (Sample sample : samples) {
			out.append(String.format(Locale.ROOT, "| %.1f |", sample.minute()));
			for (String name : names) {
				Sample.Process process = sample.processes().get(name);
				out.append(String.format(Locale.ROOT, " %s%.0f, %d |",
						(process.heapAfterGcMib() != null) ? String.format(Locale.ROOT, "%.1f / ", process.heapAfterGcMib())
								: "",
						process.rssMib(), process.openFiles()));
			}
			out.append(String.format(Locale.ROOT, " %.1f, %,d |%n", sample.redisUsedMib(), sample.redisKeys()));
		}
		out.append("\n| series, once settled | first | last | per minute | growth | allowed | |\n|---|---|---|---|---|---|---|\n");
		for (Trend trend : trends) {
			out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.2f | %+.1f | %.1f | %s |%n", trend.series(),
					trend.first(), trend.last(), trend.slopePerMinute(), trend.growth(), trend.limit(),
					trend.leaking() ? "**grows**" : "flat"));
		}
		return out.toString();
	}
}
