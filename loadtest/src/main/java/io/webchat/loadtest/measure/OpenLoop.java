package io.webchat.loadtest.measure;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires events at a fixed rate whatever the system under test does (open loop): event {@code i}
 * is due at {@code start + i / rate}, and its latency is measured from that due time, so a
 * stall of the system is charged to every event it delays (no coordinated omission). The
 * action must not block: it hands the work to a virtual thread or an asynchronous client.
 */
public final class OpenLoop {

	/** Called on the pacing thread with the event's number and its due time ({@link System#nanoTime()}). */
	public interface Action {

		void fire(long index, long dueNanos);

	}

	private OpenLoop() {
	}

	/** Runs {@code rate} events per second for {@code duration}. */
	public static Paced run(double rate, Duration duration, Action action) {
		long interval = (long) (1_000_000_000L / rate);
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long worstLag = 0;
		long i = 0;
		for (;; i++) {
			long due = start + i * interval;
			if (due >= end) {
				break;
			}
			long wait = due - System.nanoTime();
			if (wait > 20_000) {
				LockSupport.parkNanos(wait);
			}
			worstLag = Math.max(worstLag, System.nanoTime() - due);
			action.fire(i, due);
		}
		return new Paced(i, worstLag / 1e6);
	}

	/**
	 * @param fired how many events were fired
	 * @param worstLagMillis how far the pacing thread itself fell behind schedule at worst
	 */
	public record Paced(long fired, double worstLagMillis) {
	}
}
