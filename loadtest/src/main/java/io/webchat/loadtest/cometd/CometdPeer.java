package io.webchat.loadtest.cometd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.cometd.server.BayeuxServerImpl;

/**
 * The {@link CometdServer} running as its own JVM, with its output in {@code cometd.log}: its
 * memory and CPU are then the server's alone, measured like a webchat service's.
 * <p>
 * The server's classes come from the load tool's own class path. Run from the repackaged
 * {@code -exec} jar, that is one jar whose main class is fixed; Spring Boot's
 * {@code PropertiesLauncher} starts any other class of it ({@code -Dloader.main}) with the jar's
 * nested libraries. Run from plain directories and jars (tests, the IDE), the class is started
 * directly.
 */
public final class CometdPeer implements AutoCloseable {

	/** The CometD release the peer runs, as its jar's manifest states (so it cannot drift from the pom). */
	public static final String VERSION = Objects.requireNonNullElse(
			BayeuxServerImpl.class.getPackage().getImplementationVersion(), "(unknown version)");

	private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private final Path logFile;

	private final Process process;

	private CometdPeer(int port, Path logFile, Process process) {
		this.port = port;
		this.logFile = logFile;
		this.process = process;
	}

	/**
	 * Starts the server and waits until it listens.
	 * @param port the port on 127.0.0.1 to listen on
	 * @param pollTimeoutMillis how long the server holds a poll that has nothing to deliver
	 * @param jvmOptions options for the server's JVM (heap size, GC)
	 * @param logDirectory where {@code cometd.log} gets the server's output
	 */
	public static CometdPeer start(int port, int pollTimeoutMillis, List<String> jvmOptions, Path logDirectory) {
		Path logFile = logDirectory.resolve("cometd.log");
		Process process;
		try {
			Files.createDirectories(logDirectory);
			List<String> command = command(port, pollTimeoutMillis, jvmOptions);
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the CometD server", ex);
		}
		CometdPeer peer = new CometdPeer(port, logFile, process);
		try {
			peer.awaitListening();
		}
		catch (RuntimeException ex) {
			peer.close();
			throw ex;
		}
		return peer;
	}

	private static List<String> command(int port, int pollTimeoutMillis, List<String> jvmOptions) {
		String classPath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		if (isExecutableJar(classPath)) {
			command.add(Path.of(classPath).toAbsolutePath().toString());
			command.add("-Dloader.main=" + CometdServer.class.getName());
			command.add(PROPERTIES_LAUNCHER);
		}
		else {
			command.add(classPath);
			command.add(CometdServer.class.getName());
		}
		command.add(Integer.toString(port));
		command.add(Integer.toString(pollTimeoutMillis));
		return command;
	}

	/** One jar holding the loader: the repackaged jar, whose libraries are nested inside it. */
	private static boolean isExecutableJar(String classPath) {
		String launcher = PROPERTIES_LAUNCHER.replace('.', '/') + ".class";
		return !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")
				&& CometdPeer.class.getClassLoader().getResource(launcher) != null;
	}

	public long pid() {
		return this.process.pid();
	}

	/** The Bayeux endpoint clients handshake with. */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.port + "/cometd");
	}

	public Path logFile() {
		return this.logFile;
	}

	/** Stops the server, killing it if it does not exit within 10 s. */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		if (!waitFor(STOP_TIMEOUT)) {
			this.process.destroyForcibly();
			waitFor(STOP_TIMEOUT);
		}
	}

	/**
	 * Waits for the server's "listening" line and a port that accepts a connection: the line
	 * tells this server from another process holding the port, and the connector opens only
	 * after the servlet has started its Bayeux server, so the server is then ready for handshakes.
	 */
	private void awaitListening() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The CometD server exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			if (logTail().contains(CometdServer.LISTENING) && accepts()) {
				return;
			}
			pause();
		}
		throw new IllegalStateException("The CometD server did not listen on port " + this.port + " within "
				+ START_TIMEOUT.toSeconds() + " s:\n" + logTail());
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String logTail() {
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
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the CometD server", ex);
		}
	}

}
