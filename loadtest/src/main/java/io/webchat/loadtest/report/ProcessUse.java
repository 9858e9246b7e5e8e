package io.webchat.loadtest.report;

import java.util.LinkedHashMap;
import java.util.Map;

import io.webchat.loadtest.measure.ProcessStats;

/** One process over one scenario step: CPU in percent of one core (200 = both cores), memory at the end. */
public record ProcessUse(double cpuPercent, double rssMib, int openFiles) {

	public static Map<String, ProcessUse> between(Map<String, ProcessStats> start, Map<String, ProcessStats> end) {
		Map<String, ProcessUse> use = new LinkedHashMap<>();
		end.forEach((name, last) -> {
			ProcessStats first = start.get(name);
			use.put(name, new ProcessUse((first != null) ? last.cpuPercentSince(first) : 0, last.rssMib(),
					last.openFiles()));
		});
		return use;
	}
}
