package io.webchat.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.webchat.loadtest.report.PhaseResult;
import io.webchat.loadtest.report.RunResult;
import io.webchat.loadtest.report.SvgChart;
import io.webchat.loadtest.report.SystemResult;

/**
 * The README's chart: delivery latency against the offered one-to-one rate, three systems from
 * the same run — raw Redis, CometD and webchat — p99 solid, p50 dashed, one colour each.
 */
final class Charts {

	private static final String FLOOR_COLOUR = "#7f7f7f";

	private static final String COMETD_COLOUR = "#2ca02c";

	private static final String WEBCHAT_COLOUR = "#d62728";

	private Charts() {
	}

	static String latencyAgainstRate(RunResult run) {
		List<SvgChart.Series> series = new ArrayList<>();
		List<RunResult.FloorStep> floor = run.floor()
			.stream()
			.sorted(Comparator.comparingDouble(RunResult.FloorStep::rate))
			.toList();
		series.add(floorSeries("raw Redis p99", false, floor, (step) -> step.latency().p99()));
		series.add(floorSeries("raw Redis p50", true, floor, (step) -> step.latency().p50()));
		run.system(RunResult.COMETD).ifPresent((cometd) -> {
			series.add(series("CometD p99", COMETD_COLOUR, false, cometd, (phase) -> phase.delivery().p99()));
			series.add(series("CometD p50", COMETD_COLOUR, true, cometd, (phase) -> phase.delivery().p50()));
		});
		run.system(RunResult.WEBCHAT).ifPresent((webchat) -> {
			series.add(series("webchat p99", WEBCHAT_COLOUR, false, webchat, (phase) -> phase.delivery().p99()));
			series.add(series("webchat p50", WEBCHAT_COLOUR, true, webchat, (phase) -> phase.delivery().p50()));
		});
		return SvgChart.render(
				"Send → deliver latency, N = " + run.settings().get("users") + " long polls, " + run.machine().get("cpus")
						+ " CPUs, one run",
				"offered one-to-one messages per second", "latency (ms, log scale)", series,
				List.of(new SvgChart.Reference("p99 limit of the ramp: 100 ms", 100)));
	}

	private static SvgChart.Series floorSeries(String name, boolean dashed, List<RunResult.FloorStep> steps,
			ToDoubleFunction<RunResult.FloorStep> value) {
		List<SvgChart.Point> points = new ArrayList<>();
		for (RunResult.FloorStep step : steps) {
			points.add(new SvgChart.Point(step.rate(), value.applyAsDouble(step)));
		}
		return new SvgChart.Series(name, FLOOR_COLOUR, dashed, points);
	}

	/**
	 * Every one-to-one step of {@code system} by offered rate: the ramp's, and the steady
	 * scenario's where the ramp did not reach its rate.
	 */
	private static SvgChart.Series series(String name, String colour, boolean dashed, SystemResult system,
			ToDoubleFunction<PhaseResult> value) {
		List<SvgChart.Point> points = new ArrayList<>();
		system.phases()
			.stream()
			.filter((phase) -> phase.scenario().equals("ramp")
					|| (phase.scenario().equals("steady") && system.phase("ramp", phase.offeredRate()).isEmpty()))
			.filter((phase) -> phase.delivery().count() > 0)
			.sorted(Comparator.comparingDouble(PhaseResult::offeredRate))
			.forEach((phase) -> points.add(new SvgChart.Point(phase.offeredRate(), value.applyAsDouble(phase))));
		return new SvgChart.Series(name, colour, dashed, points);
	}
}
