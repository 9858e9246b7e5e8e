package io.webchat.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the system running as its own JVM, with its output in a log file. */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final int port;

	private final Path logFile;

	private final Process process;

	/** How it was started, to start it again after a crash: options, arguments, environment, logs. */
	private final List<String> jvmOptions;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private final Path logDir;

	private ServiceProcess(String name, int port, Path logFile, Process process, List<String> jvmOptions,
			List<String> arguments, Map<String, String> environment, Path logDir) {
		this.name = name;
		this.port = port;
		this.logFile = logFile;
		this.process = process;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.arguments = List.copyOf(arguments);
		this.environment = Map.copyOf(environment);
		this.logDir = logDir;
	}

	/** Starts {@code java -jar jar} with {@code environment} added to this process's own. */
	public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, Path logDir,
			List<String> jvmOptions) {
		return startJava(name, jvmOptions, List.of("-jar", jar.toString()), port, environment, logDir);
	}

	/**
	 * Starts {@code java jvmOptions arguments} — a jar, or a class path and a main class — on the
	 * JDK this JVM runs on, with {@code environment} and {@code SERVER_PORT} added to this
	 * process's own and its output in {@code logDir/name.log}.
	 */
	public static ServiceProcess startJava(String name, List<String> jvmOptions, List<String> arguments, int port,
			Map<String, String> environment, Path logDir) {
		try {
			Files.createDirectories(logDir);
			Path logFile = logDir.resolve(name + ".log");
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(jvmOptions);
			command.addAll(arguments);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logFile.toFile());
			builder.environment().putAll(environment);
			builder.environment().put("SERVER_PORT", Integer.toString(port));
			return new ServiceProcess(name, port, logFile, builder.start(), jvmOptions, arguments, environment, logDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	/**
	 * Starts the service again as it was started — same jar, options, environment and port — after
	 * it died or was killed; its output goes to {@code newName.log}.
	 */
	public ServiceProcess startAgain(String newName) {
		return startAgain(newName, this.jvmOptions);
	}

	/** As {@link #startAgain(String)}, with other JVM options (a test's restart wants a quick start). */
	public ServiceProcess startAgain(String newName, List<String> jvmOptions) {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is still running");
		}
		return startJava(newName, jvmOptions, this.arguments, this.port, this.environment, this.logDir);
	}

	/**
	 * Starts one more of this service — same jar, options and environment, so the same Redis,
	 * keys and backends — on another port, as a second replica behind a load balancer; its
	 * output goes to {@code name.log}.
	 */
	public ServiceProcess startAnother(String name, int port) {
		return startJava(name, this.jvmOptions, this.arguments, port, this.environment, this.logDir);
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public URI baseUrl() {
		return URI.create("http://localhost:" + this.port);
	}

	public Path logFile() {
		return this.logFile;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits until the service is ready — {@code /actuator/health/readiness} turns UP only after
	 * its start-up work (the demo data, the read model rebuild) is done, while plain
	 * {@code /actuator/health} answers as soon as the port is open. Fails with the log's tail if
	 * the process dies.
	 */
	public void awaitHealthy(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		HttpRequest health = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			try {
				HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			pause();
		}
		throw new IllegalStateException(this.name + " was not healthy within " + timeout + ":\n" + logTail());
	}

	/**
	 * Waits until the process has written {@code line} to its log, for a program with no health
	 * endpoint that says when it is ready. Fails with the log's tail if the process dies.
	 */
	public void awaitLogLine(String line, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			if (logTail().contains(line)) {
				return;
			}
			pause();
		}
		throw new IllegalStateException(this.name + " did not say \"" + line + "\" within " + timeout + ":\n" + logTail());
	}

	/** Stops the JVM at once, as a crash or {@code kill -9} would. */
	public void kill() {
		this.process.destroyForcibly();
		waitFor(Duration.ofSeconds(10));
	}

	/** Asks the JVM to shut down gracefully, and kills it if it takes too long. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!waitFor(Duration.ofSeconds(15))) {
				kill();
			}
		}
	}

	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + this.logFile + ")";
		}
	}

	private boolean waitFor(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
