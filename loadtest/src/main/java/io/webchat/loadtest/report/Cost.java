package io.webchat.loadtest.report;

import java.util.LinkedHashMap;
import java.util.Map;

import io.webchat.loadtest.measure.SystemProcesses;

/**
 * What each event of a scenario step cost the system: a delivered copy in the traffic steps, an
 * answered poll in the idle scenario. Each figure is a total over the step divided by the events
 * in it, so it holds across machines and loads where a latency does not.
 *
 * @param events the copies delivered (or polls answered) over the measured window
 * @param cpuMillis CPU milliseconds per event of each process, the load tool's included, from
 *        {@code /proc} CPU time deltas over the window
 * @param serverCpuMillis the same summed over the server side: every process but the load tool
 * @param redisCommands Redis commands per event ({@code INFO commandstats} delta); -1 for a
 *        system without Redis
 * @param wireBytes bytes per event between the clients and the server they talk to (requests
 *        and responses, HTTP headers included)
 */
public record Cost(long events, Map<String, Double> cpuMillis, double serverCpuMillis, double redisCommands,
		double wireBytes) {

	public static Cost of(long events, Map<String, ProcessUse> processes, long redisCommands, long wireBytes) {
		Map<String, Double> cpu = new LinkedHashMap<>();
		long serverMillis = 0;
		for (Map.Entry<String, ProcessUse> process : processes.entrySet()) {
			cpu.put(process.getKey(), per(process.getValue().cpuMillis(), events));
			if (!process.getKey().equals(SystemProcesses.LOAD_TOOL)) {
				serverMillis += process.getValue().cpuMillis();
			}
		}
		return new Cost(events, cpu, per(serverMillis, events), (redisCommands < 0) ? -1 : per(redisCommands, events),
				per(wireBytes, events));
	}

	private static double per(long total, long events) {
		return (events > 0) ? Math.round(total * 1000.0 / events) / 1000.0 : 0;
	}
}
