package io.webchat.loadtest.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.webchat.loadtest.measure.OpenLoop;

/**
 * What sending is in every fleet, whatever the protocol: messages fired open loop at a rate,
 * each numbered and registered with the tracker before it goes out (a copy may arrive before
 * the send's answer), and no more than {@link #MAX_SENDS_IN_FLIGHT} unanswered at once.
 */
public final class OpenLoopSends {

	/**
	 * Sends in flight beyond this are not made but counted as errors: the system is not keeping
	 * up, and each one in flight holds a socket here and more in the system.
	 */
	public static final int MAX_SENDS_IN_FLIGHT = 1_000;

	private final DeliveryTracker tracker;

	private final AtomicLong inFlight = new AtomicLong();

	public OpenLoopSends(DeliveryTracker tracker) {
		this.tracker = tracker;
	}

	/** Puts one planned message on the wire without blocking, and reports its answer to {@code answer}. */
	@FunctionalInterface
	public interface Transmission {

		void transmit(long number, MessagePlan.Planned planned, Answer answer);

	}

	/** The outcome of one send: call exactly one of the two, once. */
	public final class Answer {

		private final long number;

		private final long dueNanos;

		private final DeliveryTracker.Phase phase;

		private Answer(long number, long dueNanos, DeliveryTracker.Phase phase) {
			this.number = number;
			this.dueNanos = dueNanos;
			this.phase = phase;
		}

		/** The system took the message: every recipient is owed a copy. */
		public void accepted() {
			OpenLoopSends.this.tracker.accepted(this.number);
			this.phase.send.recordNanos(System.nanoTime() - this.dueNanos);
			OpenLoopSends.this.inFlight.decrementAndGet();
		}

		/** The send was refused or failed; nobody is owed a copy. */
		public void failed(String kind) {
			this.phase.error(kind);
			OpenLoopSends.this.inFlight.decrementAndGet();
		}

	}

	/**
	 * Sends {@code rate} messages per second for {@code duration} as {@code plan} says, through
	 * {@code transmission}; each send's time is measured from its due time.
	 */
	public OpenLoop.Paced run(DeliveryTracker.Phase phase, double rate, Duration duration, MessagePlan plan,
			AtomicLong numbers, Transmission transmission) {
		return OpenLoop.run(rate, duration, (index, due) -> {
			long number = numbers.incrementAndGet();
			MessagePlan.Planned planned = plan.next();
			this.tracker.expect(number, phase, due, planned.recipients());
			phase.sent.incrementAndGet();
			if (this.inFlight.get() >= MAX_SENDS_IN_FLIGHT) {
				phase.error("load tool: " + MAX_SENDS_IN_FLIGHT + " sends in flight");
				return;
			}
			this.inFlight.incrementAndGet();
			Answer answer = new Answer(number, due, phase);
			try {
				transmission.transmit(number, planned, answer);
			}
			catch (RuntimeException ex) {
				answer.failed(ex.getClass().getSimpleName());
			}
		});
	}

	/** Sends made and not yet answered. */
	public long inFlight() {
		return this.inFlight.get();
	}
}
