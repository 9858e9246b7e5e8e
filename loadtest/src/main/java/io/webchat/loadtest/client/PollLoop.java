package io.webchat.loadtest.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A page's receive loop as docs/delivery.md asks clients to run it: one long poll after
 * another, each acknowledging the batch before, and after a failure a backoff with jitter
 * before polling again with the same acknowledgement. Counts what the polls of every client
 * that runs through it came back with.
 */
public final class PollLoop {

	private final AtomicLong polls = new AtomicLong();

	private final AtomicLong pollErrors = new AtomicLong();

	private final AtomicLong resyncs = new AtomicLong();

	private final Map<String, AtomicLong> pollErrorKinds = new ConcurrentHashMap<>();

	/**
	 * Polls for {@code client} until {@code keepPolling} says stop; it is asked between polls,
	 * so a poll that is waiting finishes first (or fails when its connection is closed).
	 */
	public void run(SimulatedClient client, HttpConnections gateway, int timeoutSeconds, DeliveryTracker tracker,
			BooleanSupplier keepPolling) {
		long backoffMillis = 1000;
		while (keepPolling.getAsBoolean()) {
			String failure;
			try {
				int status = client.poll(gateway, timeoutSeconds, tracker);
				this.polls.incrementAndGet();
				if (status == 200) {
					backoffMillis = 1000;
					continue;
				}
				if (status == 299) {
					this.resyncs.incrementAndGet();
					continue;
				}
				failure = "HTTP " + status;
			}
			catch (SocketTimeoutException ex) {
				failure = "timeout";
			}
			catch (IOException | RuntimeException ex) {
				failure = ex.getClass().getSimpleName();
			}
			if (!keepPolling.getAsBoolean()) {
				return;
			}
			this.pollErrors.incrementAndGet();
			this.pollErrorKinds.computeIfAbsent(failure, (k) -> new AtomicLong()).incrementAndGet();
			sleep(backoffMillis / 2 + (long) (Math.random() * backoffMillis / 2));
			backoffMillis = Math.min(30_000, backoffMillis * 2);
		}
	}

	public long polls() {
		return this.polls.get();
	}

	public long pollErrors() {
		return this.pollErrors.get();
	}

	public long resyncs() {
		return this.resyncs.get();
	}

	public Map<String, AtomicLong> pollErrorKinds() {
		return this.pollErrorKinds;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
