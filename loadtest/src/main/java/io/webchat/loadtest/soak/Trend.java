package io.webchat.loadtest.soak;

import java.util.List;

/**
 * Whether one measured series (a process's heap after a full collection, its resident memory,
 * its open files, Redis's memory or key count) grows steadily over the soak, once the system
 * has settled: the least-squares slope over the samples from {@code fromMinute} on, times that
 * window's length, must stay within {@code limit} — a share of the series' mean or an absolute
 * floor, whichever is larger, so that neither a small series' noise nor a big one's sawtooth
 * reads as a leak.
 *
 * @param series what was measured, e.g. {@code gateway heap after GC (MiB)}
 * @param first the first value in the window
 * @param last the last value
 * @param slopePerMinute the fitted growth per minute
 * @param growth the fitted growth over the window
 * @param limit the growth allowed over the window
 */
public record Trend(String series, double first, double last, double slopePerMinute, double growth, double limit) {

	public boolean leaking() {
		return this.growth > this.limit;
	}

	/**
	 * @param points {@code [minute, value]} pairs in time order
	 * @param relative the share of the window's mean the series may grow by
	 * @param floor the growth always allowed, in the series' unit
	 * @param fromMinute where the window starts: before it the system is still filling
	 *        whatever it keeps for a bounded time (sessions, clients that vanished)
	 */
	public static Trend of(String series, List<double[]> points, double relative, double floor, double fromMinute) {
		List<double[]> window = points.stream().filter((point) -> point[0] >= fromMinute).toList();
		if (window.size() < 3) {
			throw new IllegalArgumentException(series + ": " + window.size()
					+ " samples after minute " + fromMinute + " are too few to tell a trend");
		}
		double meanMinute = window.stream().mapToDouble((point) -> point[0]).average().orElseThrow();
		double meanValue = window.stream().mapToDouble((point) -> point[1]).average().orElseThrow();
		double covariance = 0;
		double variance = 0;
		for (double[] point : window) {
			covariance += (point[0] - meanMinute) * (point[1] - meanValue);
			variance += (point[0] - meanMinute) * (point[0] - meanMinute);
		}
		double slope = covariance / variance;
		double span = window.get(window.size() - 1)[0] - window.get(0)[0];
		return new Trend(series, window.get(0)[1], window.get(window.size() - 1)[1], slope, slope * span,
				Math.max(relative * Math.abs(meanValue), floor));
	}
}
