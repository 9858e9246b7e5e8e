package io.webchat.loadtest.report;

import java.util.LinkedHashMap;
import java.util.Map;

import io.webchat.loadtest.measure.ProcessStats;

/**
 * One process over one scenario step.
 *
 * @param cpuMillis CPU time (user + system) the process used over the step, from {@code /proc}
 * @param cpuPercent the same in percent of one core (200 = both cores of a 2-core machine)
 * @param rssMib resident memory at the end of the step
 */
public record ProcessUse(long cpuMillis, double cpuPercent, double rssMib, int openFiles) {

	public static Map<String, ProcessUse> between(Map<String, ProcessStats> start, Map<String, ProcessStats> end) {
		Map<String, ProcessUse> use = new LinkedHashMap<>();
		end.forEach((name, last) -> {
			ProcessStats first = start.get(name);
			use.put(name, new ProcessUse((first != null) ? last.cpuMillis() - first.cpuMillis() : 0,
					(first != null) ? last.cpuPercentSince(first) : 0, last.rssMib(), last.openFiles()));
		});
		return use;
	}
}
