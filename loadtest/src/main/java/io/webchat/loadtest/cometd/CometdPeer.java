package io.webchat.loadtest.cometd;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cometd.server.BayeuxServerImpl;

import io.webchat.launcher.ServiceProcess;

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

	private final ServiceProcess process;

	private CometdPeer(ServiceProcess process) {
		this.process = process;
	}

	/**
	 * Starts the server and waits until it listens: it says so once its connector is open,
	 * which is after the servlet has started its Bayeux server, so it is then ready for
	 * handshakes (and the line tells it from another process holding the port).
	 * @param port the port on 127.0.0.1 to listen on
	 * @param pollTimeoutMillis how long the server holds a poll that has nothing to deliver
	 * @param jvmOptions options for the server's JVM (heap size, GC)
	 * @param logDirectory where {@code cometd.log} gets the server's output
	 */
	public static CometdPeer start(int port, int pollTimeoutMillis, List<String> jvmOptions, Path logDirectory) {
		List<String> arguments = new ArrayList<>(mainClass());
		arguments.add(Integer.toString(port));
		arguments.add(Integer.toString(pollTimeoutMillis));
		ServiceProcess process = ServiceProcess.startJava("cometd", jvmOptions, arguments, port, Map.of(),
				logDirectory);
		try {
			process.awaitLogLine(CometdServer.LISTENING, START_TIMEOUT);
		}
		catch (RuntimeException ex) {
			process.kill();
			throw ex;
		}
		return new CometdPeer(process);
	}

	/** The class path and main class that start {@link CometdServer} from this JVM's own classes. */
	private static List<String> mainClass() {
		String classPath = System.getProperty("java.class.path");
		if (isExecutableJar(classPath)) {
			return List.of("-cp", Path.of(classPath).toAbsolutePath().toString(),
					"-Dloader.main=" + CometdServer.class.getName(), PROPERTIES_LAUNCHER);
		}
		return List.of("-cp", classPath, CometdServer.class.getName());
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
		return URI.create("http://127.0.0.1:" + this.process.port() + "/cometd");
	}

	public Path logFile() {
		return this.process.logFile();
	}

	/** Stops the server, killing it if it does not exit in time. */
	@Override
	public void close() {
		this.process.close();
	}

}
