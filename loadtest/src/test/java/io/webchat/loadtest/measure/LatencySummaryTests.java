package io.webchat.loadtest.measure;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencySummaryTests {

	@Test
	void reportsPercentilesOfMicrosecondsInMilliseconds() {
		Histogram micros = new Histogram(1, 120_000_000, 3);
		for (int i = 1; i <= 1000; i++) {
			micros.recordValue(i * 100L);
		}

		LatencySummary summary = LatencySummary.ofMicros(micros);

		assertThat(summary.count()).isEqualTo(1000);
		assertThat(summary.p50()).isCloseTo(50, within(0.1));
		assertThat(summary.p99()).isCloseTo(99, within(0.1));
		assertThat(summary.max()).isCloseTo(100, within(0.1));
	}

	@Test
	void dividesByTheFloorPercentileByPercentile() {
		LatencySummary webchat = new LatencySummary(10, 2, 4, 10, 20, 40);
		LatencySummary floor = new LatencySummary(10, 0.1, 0.2, 0.5, 0, 2);

		LatencySummary ratio = webchat.ratioTo(floor);

		assertThat(ratio.p50()).isEqualTo(20);
		assertThat(ratio.p99()).isEqualTo(20);
		assertThat(ratio.p999()).as("no floor, no ratio").isZero();
	}

	@Test
	void recordsFromManyThreadsIntoOneSummary() throws InterruptedException {
		Latencies latencies = new Latencies();
		Thread[] writers = new Thread[8];
		for (int t = 0; t < writers.length; t++) {
			writers[t] = Thread.ofVirtual().start(() -> {
				for (int i = 0; i < 1000; i++) {
					latencies.recordNanos(1_000_000);
				}
			});
		}
		for (Thread writer : writers) {
			writer.join();
		}

		assertThat(latencies.summary().count()).isEqualTo(8000);
		assertThat(latencies.summary().p50()).isCloseTo(1, within(0.01));
	}
}
