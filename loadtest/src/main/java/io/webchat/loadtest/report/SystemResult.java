package io.webchat.loadtest.report;

import java.util.List;
import java.util.Map;

/**
 * One system under test in one run — webchat, or the CometD peer — through the same scenarios.
 *
 * @param name {@code webchat} or {@code CometD}
 * @param setup how it ran: processes, transports, settings that matter to its figures
 * @param idleAfterTraffic scenario (e); {@code null} in results written before it existed
 */
public record SystemResult(String name, String setup, IdleResult idle, List<PhaseResult> phases,
		IdleWindow idleAfterTraffic, Map<String, Object> notes) {

	/** The step of {@code scenario} at {@code rate}, if this system ran one. */
	public java.util.Optional<PhaseResult> phase(String scenario, double rate) {
		return this.phases.stream()
			.filter((phase) -> phase.scenario().equals(scenario) && phase.offeredRate() == rate)
			.findFirst();
	}

	/** {@link #highestRateWithin}, or "< R" when even the ramp's first step R passed the limit. */
	public String highestRateWithinText(double limitMillis) {
		double best = highestRateWithin(limitMillis);
		double first = this.phases.stream()
			.filter((phase) -> phase.scenario().equals("ramp"))
			.mapToDouble(PhaseResult::offeredRate)
			.min()
			.orElse(0);
		return (best == 0 && first > 0) ? String.format(java.util.Locale.ROOT, "< %,.0f", first)
				: String.format(java.util.Locale.ROOT, "%,.0f", best);
	}

	/** The highest ramp step with p99 within {@code limitMillis}, nothing lost and no errors; 0 if none. */
	public double highestRateWithin(double limitMillis) {
		return this.phases.stream()
			.filter((phase) -> phase.scenario().equals("ramp"))
			.filter((phase) -> phase.delivery().count() > 0 && phase.delivery().p99() <= limitMillis
					&& phase.lost() == 0 && phase.sendErrors() == 0)
			.mapToDouble(PhaseResult::offeredRate)
			.max()
			.orElse(0);
	}
}
