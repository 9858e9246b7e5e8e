package io.webchat.loadtest.measure;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency recorder that any number of threads (virtual threads, Lettuce's event loop) write
 * to without locking; values in microseconds from 1 µs to 2 minutes, 3 significant digits.
 */
public final class Latencies {

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

	private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);

	private final Histogram total = new Histogram(1, HIGHEST_MICROS, 3);

	/** Records the time from {@code sinceNanos} ({@link System#nanoTime()}) to now. */
	public void recordSince(long sinceNanos) {
		recordNanos(System.nanoTime() - sinceNanos);
	}

	public void recordNanos(long nanos) {
		long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000));
		this.recorder.recordValue(micros);
	}

	/** Everything recorded so far. */
	public synchronized Histogram snapshot() {
		this.total.add(this.recorder.getIntervalHistogram());
		return this.total.copy();
	}

	public LatencySummary summary() {
		return LatencySummary.ofMicros(snapshot());
	}
}
