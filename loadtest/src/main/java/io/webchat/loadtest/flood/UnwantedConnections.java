package io.webchat.loadtest.flood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flood's unwanted clients, in a process of their own so that their sockets count against
 * their own file descriptor limit, not the load tool's: connections that send nothing, and
 * connections that send an endless request head a byte a second (slowloris). Each connects,
 * waits for the gateway to close it, notes how long that took, and after a second connects
 * again, for as long as the flood lasts. Every second it prints one {@code FLOOD-WORKER} line of
 * counters for the load tool to read.
 */
final class UnwantedConnections {

	static final String STATS_PREFIX = "FLOOD-WORKER ";

	/** Closed sooner than this after connecting: turned away at once, not cut by a timeout. */
	static final long AT_ONCE_MILLIS = 1_000;

	private static final byte[] ENDLESS_HEAD = ("GET /login HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
			+ "a".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);

	private final int port;

	private final long endNanos;

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicLong attempts = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong cut = new AtomicLong();

	private final AtomicLong connectTimeouts = new AtomicLong();

	private final AtomicLong connectErrors = new AtomicLong();

	private final AtomicLong slowBytes = new AtomicLong();

	/**
	 * Since the last report, in ms: how long connecting took (the kernel's accept queue, when the
	 * gateway cannot keep up), and from connected to closed, of connections turned away and of
	 * those cut.
	 */
	private final List<Long> connectMillis = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> refusedMillis = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> cutMillis = Collections.synchronizedList(new ArrayList<>());

	private UnwantedConnections(int port, long endNanos) {
		this.port = port;
		this.endNanos = endNanos;
	}

	/** {@code port idle slowloris rampSeconds seconds} */
	static void main(String[] args) throws InterruptedException {
		int port = Integer.parseInt(args[0]);
		int idle = Integer.parseInt(args[1]);
		int slowloris = Integer.parseInt(args[2]);
		long rampMillis = Long.parseLong(args[3]) * 1000;
		long seconds = Long.parseLong(args[4]);
		UnwantedConnections flood = new UnwantedConnections(port, System.nanoTime() + seconds * 1_000_000_000L);
		List<Boolean> slow = new ArrayList<>(Collections.nCopies(idle, false));
		slow.addAll(Collections.nCopies(slowloris, true));
		// mixed along the ramp, the same way every run
		Collections.shuffle(slow, new java.util.Random(42));
		int total = slow.size();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			threads.execute(flood::report);
			for (int i = 0; i < total; i++) {
				boolean slowOne = slow.get(i);
				long startAt = System.nanoTime() + rampMillis * 1_000_000L * i / Math.max(1, total);
				threads.execute(() -> {
					sleepUntil(startAt);
					flood.connectAgainAndAgain(slowOne);
				});
			}
		}
		flood.print();
	}

	private void connectAgainAndAgain(boolean slow) {
		while (System.nanoTime() < this.endNanos) {
			long start = System.nanoTime();
			try (Socket socket = new Socket()) {
				try {
					socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
				}
				catch (SocketTimeoutException ex) {
					this.connectTimeouts.incrementAndGet();
					continue;
				}
				long connected = System.nanoTime();
				this.connectMillis.add((connected - start) / 1_000_000);
				this.attempts.incrementAndGet();
				this.open.incrementAndGet();
				try {
					if (slow) {
						trickleUntilClosed(socket);
					}
					else {
						waitUntilClosed(socket);
					}
				}
				finally {
					this.open.decrementAndGet();
				}
				long millis = (System.nanoTime() - connected) / 1_000_000;
				if (millis < AT_ONCE_MILLIS) {
					this.refused.incrementAndGet();
					this.refusedMillis.add(millis);
				}
				else {
					this.cut.incrementAndGet();
					this.cutMillis.add(millis);
				}
			}
			catch (IOException ex) {
				this.connectErrors.incrementAndGet();
			}
			pause(1_000);
		}
	}

	private void waitUntilClosed(Socket socket) {
		try {
			socket.setSoTimeout((int) Math.max(1, (this.endNanos - System.nanoTime()) / 1_000_000));
			socket.getInputStream().read();
		}
		catch (IOException ex) {
			// closed (or reset, or the flood is over)
		}
	}

	private void trickleUntilClosed(Socket socket) {
		try {
			socket.setSoTimeout(1_000);
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < ENDLESS_HEAD.length && System.nanoTime() < this.endNanos; i++) {
				out.write(ENDLESS_HEAD[i]);
				out.flush();
				this.slowBytes.incrementAndGet();
				try {
					if (in.read() == -1) {
						return;
					}
				}
				catch (SocketTimeoutException ex) {
					// a second without an answer: the next byte
				}
			}
		}
		catch (IOException ex) {
			// closed by the gateway
		}
	}

	private void report() {
		while (System.nanoTime() < this.endNanos) {
			pause(1_000);
			print();
		}
	}

	private void print() {
		Map<String, Long> stats = new java.util.LinkedHashMap<>();
		stats.put("open", (long) this.open.get());
		stats.put("attempts", this.attempts.get());
		stats.put("refused", this.refused.get());
		stats.put("cut", this.cut.get());
		stats.put("connectTimeouts", this.connectTimeouts.get());
		stats.put("connectErrors", this.connectErrors.get());
		stats.put("slowBytes", this.slowBytes.get());
		List<Long> connectNow = drain(this.connectMillis);
		stats.put("connectP99", percentile(connectNow, 99));
		stats.put("connectMax", percentile(connectNow, 100));
		List<Long> refusedNow = drain(this.refusedMillis);
		List<Long> cutNow = drain(this.cutMillis);
		stats.put("refusedCount", (long) refusedNow.size());
		stats.put("refusedP50", percentile(refusedNow, 50));
		stats.put("refusedP99", percentile(refusedNow, 99));
		stats.put("refusedMax", percentile(refusedNow, 100));
		stats.put("cutCount", (long) cutNow.size());
		stats.put("cutP50", percentile(cutNow, 50));
		stats.put("cutMax", percentile(cutNow, 100));
		StringBuilder line = new StringBuilder(STATS_PREFIX);
		stats.forEach((name, value) -> line.append(name).append('=').append(value).append(' '));
		System.out.println(line.toString().strip());
		System.out.flush();
	}

	static List<Long> drain(List<Long> values) {
		synchronized (values) {
			List<Long> copy = new ArrayList<>(values);
			values.clear();
			Collections.sort(copy);
			return copy;
		}
	}

	static long percentile(List<Long> sorted, int percent) {
		if (sorted.isEmpty()) {
			return -1;
		}
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	static Map<String, Long> parse(String line) {
		Map<String, Long> stats = new java.util.LinkedHashMap<>();
		for (String pair : line.substring(STATS_PREFIX.length()).split(" ")) {
			String[] nameAndValue = pair.split("=");
			stats.put(nameAndValue[0], Long.parseLong(nameAndValue[1]));
		}
		return stats;
	}

	private static void sleepUntil(long nanos) {
		long millis = (nanos - System.nanoTime()) / 1_000_000;
		if (millis > 0) {
			pause(millis);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
