package io.webchat.loadtest.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrendTests {

	@Test
	void aFlatSeriesWithNoiseAndASawtoothIsNoLeak() {
		Random random = new Random(7);
		List<double[]> points = new ArrayList<>();
		for (int minute = 1; minute <= 30; minute++) {
			points.add(new double[] { minute, 100 + ((minute % 3) * 4) + random.nextGaussian() * 2 });
		}
		assertThat(Trend.of("heap", points, 0.10, 8, 12).leaking()).isFalse();
	}

	@Test
	void aSteadyClimbIsALeakEvenWhenEachStepIsSmall() {
		List<double[]> points = new ArrayList<>();
		for (int minute = 1; minute <= 30; minute++) {
			points.add(new double[] { minute, 100 + minute * 1.0 });
		}
		Trend trend = Trend.of("heap", points, 0.10, 8, 12);
		assertThat(trend.slopePerMinute()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(trend.growth()).isCloseTo(18.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(trend.leaking()).isTrue();
	}

	@Test
	void growthWhileTheSystemFillsUpBeforeTheWindowDoesNotCount() {
		List<double[]> points = new ArrayList<>();
		for (int minute = 1; minute <= 30; minute++) {
			points.add(new double[] { minute, (minute < 10) ? minute * 50 : 500 });
		}
		assertThat(Trend.of("keys", points, 0.05, 100, 12).leaking()).isFalse();
		assertThat(Trend.of("keys", points, 0.05, 100, 1).leaking()).isTrue();
	}

	@Test
	void tooFewSamplesAreRefusedRatherThanJudged() {
		List<double[]> points = List.of(new double[] { 1, 1 }, new double[] { 20, 9 });
		assertThatIllegalArgumentException().isThrownBy(() -> Trend.of("fds", points, 0.1, 10, 0));
	}
}
