package io.webchat.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.webchat.loadtest.report.PhaseResult;
import io.webchat.loadtest.report.RunResult;
import io.webchat.loadtest.report.SvgChart;

/** The README's chart: delivery latency percentiles against the offered one-to-one rate. */
final class Charts {

	private Charts() {
	}

	static String latencyAgainstRate(RunResult run) {
		// every one-to-one step (the steady scenario and the ramp), by offered rate
		List<PhaseResult> steps = run.phases()
			.stream()
			.filter((phase) -> phase.scenario().equals("ramp") || phase.scenario().equals("steady"))
			.sorted(java.util.Comparator.comparingDouble(PhaseResult::offeredRate))
			.toList();
		List<SvgChart.Series> series = List.of(
				series("webchat p50", "#1f77b4", false, steps, (phase) -> phase.delivery().p50()),
				series("webchat p99", "#d62728", false, steps, (phase) -> phase.delivery().p99()),
				series("webchat p99.9", "#9467bd", false, steps, (phase) -> phase.delivery().p999()),
				series("Redis floor p50", "#1f77b4", true, steps, (phase) -> phase.floor().p50()),
				series("Redis floor p99", "#d62728", true, steps, (phase) -> phase.floor().p99()));
		return SvgChart.render(
				"Send → deliver latency, N = " + run.settings().get("users") + " long polls, " + run.machine().get("cpus")
						+ " CPUs",
				"offered one-to-one messages per second", "latency (ms, log scale)", series,
				List.of(new SvgChart.Reference("p99 limit of the ramp: 100 ms", 100),
						new SvgChart.Reference("target p99 at 1,000 msg/s: 25 ms", 25)));
	}

	private static SvgChart.Series series(String name, String color, boolean dashed, List<PhaseResult> steps,
			ToDoubleFunction<PhaseResult> value) {
		List<SvgChart.Point> points = new ArrayList<>();
		for (PhaseResult step : steps) {
			points.add(new SvgChart.Point(step.offeredRate(), value.applyAsDouble(step)));
		}
		return new SvgChart.Series(name, color, dashed, points);
	}

}
