package io.webchat.loadtest.report;

import java.util.List;
import java.util.Map;

/** Everything one run measured; written as JSON next to the chart. */
public record RunResult(String startedAt, String command, Map<String, Object> machine, Map<String, Object> settings,
		IdleResult idle, List<PhaseResult> phases, List<Target> targets, Map<String, Object> notes) {

	/** One of the targets, met or missed, with the number that decides it. */
	public record Target(String id, String target, boolean met, String measured) {
	}
}
