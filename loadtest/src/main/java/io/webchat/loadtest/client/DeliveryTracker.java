package io.webchat.loadtest.client;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import io.webchat.loadtest.measure.Latencies;

/**
 * What was sent to whom and what arrived: every message is numbered, its text carries the
 * number, and every recipient's copy is matched to it — so each delivery is timed against the
 * message's due time, and nothing lost or delivered twice goes unnoticed.
 */
public final class DeliveryTracker {

	private final Map<Long, Sent> sent = new ConcurrentHashMap<>();

	private final AtomicLong unexpected = new AtomicLong();

	private final AtomicLong echoes = new AtomicLong();

	/** Registers a message before it is sent (its copies may arrive before the send's answer). */
	public void expect(long number, Phase phase, long dueNanos, long[] sortedRecipients) {
		this.sent.put(number, new Sent(phase, dueNanos, sortedRecipients, new AtomicIntegerArray(sortedRecipients.length)));
	}

	/** The send was answered 201: every recipient is owed a copy. */
	public void accepted(long number) {
		Sent message = this.sent.get(number);
		if (message != null) {
			message.accepted = true;
		}
	}

	/** A copy of message {@code number} reached a client of {@code userId}. */
	public void delivered(long number, long userId, long nowNanos) {
		Sent message = this.sent.get(number);
		int index = (message != null) ? Arrays.binarySearch(message.recipients, userId) : -1;
		if (index < 0) {
			this.unexpected.incrementAndGet();
			return;
		}
		if (message.copies.incrementAndGet(index) == 1) {
			message.phase.deliveries.incrementAndGet();
			message.phase.delivery.recordNanos(nowNanos - message.dueNanos);
		}
		else {
			message.phase.duplicates.incrementAndGet();
		}
	}

	/** The sender's own client got its message back, as the protocol promises. */
	public void echo() {
		this.echoes.incrementAndGet();
	}

	/**
	 * Copies owed for accepted sends of {@code phase} that have not arrived (yet). A send still
	 * waiting for its answer owes nothing yet: counting it would call a slow send a loss.
	 */
	public long missing(Phase phase) {
		long missing = 0;
		for (Sent message : this.sent.values()) {
			if (message.phase == phase && message.accepted) {
				for (int i = 0; i < message.copies.length(); i++) {
					if (message.copies.get(i) == 0) {
						missing++;
					}
				}
			}
		}
		return missing;
	}

	public long expected(Phase phase) {
		return this.sent.values()
			.stream()
			.filter((message) -> message.phase == phase && message.accepted)
			.mapToLong((message) -> message.recipients.length)
			.sum();
	}

	public long unexpected() {
		return this.unexpected.get();
	}

	public long echoes() {
		return this.echoes.get();
	}

	private static final class Sent {

		final Phase phase;

		final long dueNanos;

		final long[] recipients;

		final AtomicIntegerArray copies;

		/** Answered 201; a send refused, failed or not made owes no copy. */
		volatile boolean accepted;

		Sent(Phase phase, long dueNanos, long[] recipients, AtomicIntegerArray copies) {
			this.phase = phase;
			this.dueNanos = dueNanos;
			this.recipients = recipients;
			this.copies = copies;
		}

	}

	/** The measurements of one scenario step, filled in by the senders and the polling clients. */
	public static final class Phase {

		public final String name;

		public final Latencies delivery = new Latencies();

		public final Latencies send = new Latencies();

		public final AtomicLong sent = new AtomicLong();

		public final AtomicLong sendErrors = new AtomicLong();

		public final AtomicLong deliveries = new AtomicLong();

		public final AtomicLong duplicates = new AtomicLong();

		public final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

		public Phase(String name) {
			this.name = name;
		}

		public void error(String kind) {
			this.sendErrors.incrementAndGet();
			this.errorKinds.computeIfAbsent(kind, (k) -> new AtomicLong()).incrementAndGet();
		}

	}
}
