package io.webchat.loadtest.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.webchat.loadtest.measure.OpenLoop;

/**
 * All simulated users. Each keeps one long poll open on a virtual thread and a keep-alive
 * connection of its own; sends are fired open-loop, each on its own virtual thread over a
 * shared pool of connections, so a slow answer never delays the next send.
 */
public final class ClientFleet implements Fleet {

	private final List<SimulatedClient> clients = new ArrayList<>();

	private final HttpConnections gateway;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final DeliveryTracker tracker = new DeliveryTracker();

	private final OpenLoopSends sends = new OpenLoopSends(this.tracker);

	private final int pollTimeoutSeconds;

	private volatile boolean polling;

	private final PollLoop pollLoop = new PollLoop();

	public ClientFleet(URI gateway, int users, int pollTimeoutSeconds) {
		this.pollTimeoutSeconds = pollTimeoutSeconds;
		this.gateway = new HttpConnections(gateway);
		for (long id = 1; id <= users; id++) {
			this.clients.add(new SimulatedClient(id));
		}
	}

	@Override
	public DeliveryTracker tracker() {
		return this.tracker;
	}

	/** Logs every user in through the gateway, {@code concurrency} at a time. */
	public void logInAll(int concurrency) {
		forAll(concurrency, (client) -> client.logIn(this.gateway));
	}

	/** Registers one client per user (POST /api/chat/clients). */
	public void registerAll(int concurrency) {
		forAll(concurrency, (client) -> client.register(this.gateway));
	}

	/**
	 * Starts every client's poll loop, {@code perSecond} clients a second: real users do not all
	 * open the page in the same instant, and a herd of 5,000 first polls (each also telling the
	 * user's friends they came online) measures the herd, not the idle cost.
	 */
	@Override
	public void startPolling(int perSecond) throws InterruptedException {
		this.polling = true;
		long started = System.nanoTime();
		for (int i = 0; i < this.clients.size(); i++) {
			SimulatedClient client = this.clients.get(i);
			this.threads.execute(() -> this.pollLoop.run(client, this.gateway, this.pollTimeoutSeconds, this.tracker,
					() -> this.polling));
			long dueNanos = started + (long) ((i + 1) * 1e9 / perSecond);
			long waitNanos = dueNanos - System.nanoTime();
			if (waitNanos > 0) {
				TimeUnit.NANOSECONDS.sleep(waitNanos);
			}
		}
	}

	/**
	 * Sends {@code rate} messages per second for {@code duration}, open loop, as {@code plan}
	 * says; each send's time is measured from its due time.
	 */
	@Override
	public OpenLoop.Paced send(DeliveryTracker.Phase phase, double rate, Duration duration, MessagePlan plan,
			AtomicLong numbers) {
		return this.sends.run(phase, rate, duration, plan, numbers, (number, planned, answer) -> {
			SimulatedClient sender = this.clients.get((int) planned.sender() - 1);
			this.threads.execute(() -> {
				try {
					int status = sender.send(this.gateway, planned.type(), planned.to(), number);
					if (status == 201) {
						answer.accepted();
					}
					else {
						answer.failed("HTTP " + status);
					}
				}
				catch (IOException | RuntimeException ex) {
					answer.failed(ex.getClass().getSimpleName());
				}
			});
		});
	}

	/** Sends made and not yet answered (each is answered or fails within its 30 s timeout). */
	@Override
	public long sendsInFlight() {
		return this.sends.inFlight();
	}

	@Override
	public long polls() {
		return this.pollLoop.polls();
	}

	@Override
	public long pollErrors() {
		return this.pollLoop.pollErrors();
	}

	@Override
	public long resyncs() {
		return this.pollLoop.resyncs();
	}

	@Override
	public Map<String, AtomicLong> pollErrorKinds() {
		return this.pollLoop.pollErrorKinds();
	}

	@Override
	public long wireBytes() {
		return this.gateway.wireBytes();
	}

	public int size() {
		return this.clients.size();
	}

	@Override
	public void close() {
		this.polling = false;
		this.threads.shutdownNow();
		this.clients.forEach(SimulatedClient::closePoll);
		this.gateway.close();
	}

	private void forAll(int concurrency, ClientCall call) {
		Semaphore permits = new Semaphore(concurrency);
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
			for (SimulatedClient client : this.clients) {
				permits.acquireUninterruptibly();
				calls.execute(() -> {
					try {
						call.run(client);
					}
					catch (Exception ex) {
						failures.add(ex);
					}
					finally {
						permits.release();
					}
				});
				if (!failures.isEmpty()) {
					break;
				}
			}
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException(failures.size() + " clients failed; first: " + failures.get(0).getMessage(),
					failures.get(0));
		}
	}

	@FunctionalInterface
	private interface ClientCall {

		void run(SimulatedClient client) throws Exception;

	}
}
