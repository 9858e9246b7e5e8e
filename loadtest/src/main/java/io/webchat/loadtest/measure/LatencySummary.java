package io.webchat.loadtest.measure;

import org.HdrHistogram.Histogram;

/**
 * The percentiles the issue asks for, in milliseconds, from a histogram recorded in microseconds.
 *
 * @param count how many values were recorded
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {

	public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

	public static LatencySummary ofMicros(Histogram micros) {
		if (micros.getTotalCount() == 0) {
			return EMPTY;
		}
		return new LatencySummary(micros.getTotalCount(), millis(micros.getValueAtPercentile(50)),
				millis(micros.getValueAtPercentile(90)), millis(micros.getValueAtPercentile(99)),
				millis(micros.getValueAtPercentile(99.9)), millis(micros.getMaxValue()));
	}

	/** {@code this} divided by {@code floor}, percentile by percentile; 0 where the floor is 0. */
	public LatencySummary ratioTo(LatencySummary floor) {
		return new LatencySummary(this.count, ratio(this.p50, floor.p50), ratio(this.p90, floor.p90),
				ratio(this.p99, floor.p99), ratio(this.p999, floor.p999), ratio(this.max, floor.max));
	}

	private static double ratio(double value, double floor) {
		return (floor > 0) ? Math.round(value / floor * 10) / 10.0 : 0;
	}

	private static double millis(long micros) {
		return Math.round(micros / 10.0) / 100.0;
	}
}
