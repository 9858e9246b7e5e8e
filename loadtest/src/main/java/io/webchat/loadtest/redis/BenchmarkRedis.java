package io.webchat.loadtest.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * A Redis of the benchmark's own — the machine's {@code redis-server}, on its own port, keeping
 * nothing on disk — so that the shared Redis of the developers' machine is never loaded or
 * flushed. Stopped by its process, never by name.
 */
public final class BenchmarkRedis implements AutoCloseable {

	private final Process process;

	private final int port;

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private BenchmarkRedis(Process process, int port) {
		this.process = process;
		this.port = port;
		this.client = RedisClient.create(RedisURI.create("127.0.0.1", port));
		this.connection = connectWithin(Duration.ofSeconds(10));
	}

	/**
	 * @param maxClients room for the chat instances' blocking connections and the raw-Redis
	 *        harness's consumers at once
	 */
	public static BenchmarkRedis start(int port, int maxClients, Path directory) {
		try {
			Files.createDirectories(directory);
			Path log = directory.resolve("redis.log");
			Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--maxclients",
					Integer.toString(maxClients), "--logfile", log.toString()))
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("redis.out").toFile())
				.start();
			return new BenchmarkRedis(process, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start redis-server (is it on the PATH? apt-get install redis-server)", ex);
		}
	}

	private StatefulRedisConnection<String, String> connectWithin(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				StatefulRedisConnection<String, String> connection = this.client.connect();
				connection.sync().ping();
				return connection;
			}
			catch (RuntimeException ex) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("redis-server on port " + this.port + " did not start", ex);
				}
				sleep(100);
			}
		}
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/** {@code INFO} fields, e.g. {@code connected_clients}, {@code blocked_clients}, {@code used_memory}. */
	public Map<String, String> info() {
		Map<String, String> fields = new HashMap<>();
		for (String line : this.connection.sync().info().split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				fields.put(line.substring(0, colon), line.substring(colon + 1));
			}
		}
		return fields;
	}

	/**
	 * Polls parked in Redis waiting for an event: one {@code parked} key per waiting poll (see
	 * chat-service's poll.lua), counted with SCAN so that the server is never blocked.
	 */
	public long parkedPolls() {
		long parked = 0;
		io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
		io.lettuce.core.ScanArgs match = io.lettuce.core.ScanArgs.Builder.matches("chat:{user:*}:client:*:parked")
			.limit(10_000);
		do {
			io.lettuce.core.KeyScanCursor<String> page = this.connection.sync().scan(cursor, match);
			parked += page.getKeys().size();
			cursor = page;
		}
		while (!cursor.isFinished());
		return parked;
	}

	/**
	 * Commands Redis has executed since it started, summed over {@code INFO commandstats} (this
	 * call's own {@code INFO} included, one command per call).
	 */
	public long commandsExecuted() {
		long calls = 0;
		for (String line : this.connection.sync().info("commandstats").split("\r\n")) {
			int start = line.indexOf("calls=");
			if (line.startsWith("cmdstat_") && start > 0) {
				int end = line.indexOf(',', start);
				calls += Long.parseLong(line.substring(start + "calls=".length(), (end < 0) ? line.length() : end));
			}
		}
		return calls;
	}

	public long infoLong(String field) {
		return Long.parseLong(info().getOrDefault(field, "0"));
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
