package io.webchat.loadtest.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTests {

	@Test
	void drawsEachSeriesWithItsLegendOnALogarithmicLatencyAxis() {
		String svg = SvgChart.render("Latency <N = 5,000>", "rate", "ms",
				List.of(new SvgChart.Series("webchat p99", "#d62728", false,
						List.of(new SvgChart.Point(1000, 12), new SvgChart.Point(2000, 80))),
						new SvgChart.Series("floor p99", "#d62728", true,
								List.of(new SvgChart.Point(1000, 0.3), new SvgChart.Point(2000, 0.9)))),
				List.of(new SvgChart.Reference("limit", 100)));

		assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
		assertThat(svg).contains("Latency &lt;N = 5,000&gt;").contains("webchat p99").contains("floor p99");
		assertThat(svg).contains(">0.1 ms<").contains(">100 ms<");
		assertThat(svg).contains("stroke-dasharray=\"6 4\"");
	}

	@Test
	void roundsTheRateAxisUpToANiceNumber() {
		assertThat(SvgChart.niceCeiling(3150)).isEqualTo(5000);
		assertThat(SvgChart.niceCeiling(2100)).isEqualTo(2500);
		assertThat(SvgChart.niceCeiling(900)).isEqualTo(1000);
	}
}
