package io.webchat.loadtest.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.webchat.loadtest.measure.LatencySummary;

/**
 * Everything one run measured; written as JSON next to the chart.
 *
 * @param floor the raw Redis floor (RPUSH → BLPOP, N consumers) at every one-to-one rate offered
 * @param fanoutFloor the raw Redis floor of one message to every member of the big group
 */
public record RunResult(String startedAt, String command, Map<String, Object> machine, Map<String, Object> settings,
		List<FloorStep> floor, LatencySummary fanoutFloor, List<SystemResult> systems, List<Target> targets) {

	public static final String WEBCHAT = "webchat";

	public static final String COMETD = "CometD";

	public Optional<SystemResult> system(String name) {
		return this.systems.stream().filter((system) -> system.name().equals(name)).findFirst();
	}

	public record FloorStep(double rate, LatencySummary latency) {
	}

	/** One of the targets, met or missed, with the number that decides it. */
	public record Target(String id, String target, boolean met, String measured) {
	}
}
