package io.webchat.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of a test's own on a free loopback port, which the test kills as an
 * operator's {@code kill -9} would and starts again on the same port: a real Redis outage.
 * Its append-only file is on and written at every command, so what was written before the kill
 * is there again after the restart. Needs the machine's {@code redis-server} ({@code ./test.sh}
 * checks for it).
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final int port;

	private final Path directory;

	private Process process;

	private RedisServerProcess(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	public static RedisServerProcess start() {
		try {
			RedisServerProcess redis = new RedisServerProcess(freePort(), Files.createTempDirectory("webchat-redis"));
			redis.startAgain();
			// stopped when the test JVM exits, after the Spring contexts using it have closed or
			// while they do: killed earlier, their connections would keep trying to reconnect
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the server after {@link #kill()}, on the same port, with the data it had. */
	public void startAgain() {
		try {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--dir", this.directory.toString(), "--save", "", "--appendonly", "yes",
					"--appendfsync", "always"))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Cannot start redis-server: it must be on the PATH (Debian: apt-get install redis-server)", ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersPing()) {
			if (System.nanoTime() > deadline || !this.process.isAlive()) {
				throw new IllegalStateException("redis-server on port " + this.port + " did not start; see "
						+ this.directory.resolve("redis.log"));
			}
			sleep(50);
		}
	}

	/** Kills the server at once (SIGKILL): no goodbye to its clients, nothing flushed but what is written. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether the server process lives: not killed, or started again since. */
	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** The form of {@code spring.data.redis.url}. */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			kill();
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(7);
			return new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
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
