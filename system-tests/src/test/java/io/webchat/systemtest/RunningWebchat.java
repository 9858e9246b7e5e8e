package io.webchat.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.webchat.launcher.ServiceProcess;
import io.webchat.launcher.WebchatSettings;
import io.webchat.launcher.WebchatSystem;
import io.webchat.testsupport.CuttableTcpProxy;
import io.webchat.testsupport.RedisServerProcess;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ONE webchat per test JVM — account-service, two chat-service instances and the
 * gateway as separate JVMs from (copies of) their built jars, on free ports, with the demo users — the
 * first time a test asks for it, and stops it when the whole test run ends (the root store
 * closes it; a shutdown hook covers a JVM that is stopped before that).
 * <p>
 * Its Redis is a {@code redis-server} of its own with the append-only file written at every
 * command, not a shared one, so that a test may kill it and start it again with nothing lost;
 * account-service reaches its database through a proxy a test may cut.
 * <p>
 * A test gets it as a parameter: {@code @ExtendWith(RunningWebchat.class)} and
 * {@code @BeforeAll static void setUp(RunningWebchat.Webchat webchat)}.
 */
public final class RunningWebchat implements ParameterResolver {

	/** The system tests module itself: failsafe runs the tests with it as working directory. */
	static final Path MODULE_DIRECTORY = Path.of("").toAbsolutePath();

	static final Path WORK_DIRECTORY = MODULE_DIRECTORY.resolve("target").resolve("webchat-system");

	private static final int CHAT_INSTANCES = 2;

	/**
	 * The tests send in bursts no person types (70 messages to page through history), so the
	 * send rate limit is raised; everything else runs with the defaults.
	 */
	private static final Map<String, String> EXTRA_ENVIRONMENT = Map.of("CHAT_POLL_TIMEOUT", "25s",
			"CHAT_MAX_SENDS_PER_WINDOW", "500");

	/**
	 * As WebchatSystem starts the services, plus the quick compiler only: an instance a test
	 * restarts must be back within seconds, not run fast for hours.
	 */
	private static final List<String> RESTART_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
			"-XX:TieredStopAtLevel=1");

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == Webchat.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Startup startup = extensionContext.getRoot()
			.getStore(ExtensionContext.Namespace.create(RunningWebchat.class))
			.computeIfAbsent(Startup.class, (key) -> Startup.attempt(), Startup.class);
		if (startup.failure() != null) {
			throw new ParameterResolutionException("webchat did not start: " + startup.failure().getMessage(),
					startup.failure());
		}
		return startup.webchat();
	}

	/** The one attempt to start per JVM: a failed start fails every test class, and is not retried. */
	private record Startup(Webchat webchat, RuntimeException failure) implements AutoCloseable {

		static Startup attempt() {
			try {
				return new Startup(Webchat.start(), null);
			}
			catch (RuntimeException ex) {
				return new Startup(null, ex);
			}
		}

		@Override
		public void close() {
			if (this.webchat != null) {
				this.webchat.close();
			}
		}
	}

	/** The running system, as the tests see it. */
	public static final class Webchat implements AutoCloseable {

		private final WebchatSystem system;

		private final BackingServices backingServices;

		private final AtomicBoolean closed = new AtomicBoolean();

		/** The chat-service instances now: a test may have killed one and started another on its port. */
		private final List<ServiceProcess> chatInstances;

		/** account-service now: a test may have killed it and started it again. */
		private ServiceProcess accountService;

		private int restarts;

		private final RedisServerProcess redis;

		private final CuttableTcpProxy databaseProxy;

		/** A second gateway a test started next to the system's own, until it is killed. */
		private ServiceProcess secondGateway;

		private Webchat(WebchatSystem system, BackingServices backingServices, RedisServerProcess redis,
				CuttableTcpProxy databaseProxy) {
			this.system = system;
			this.backingServices = backingServices;
			this.redis = redis;
			this.databaseProxy = databaseProxy;
			this.chatInstances = new ArrayList<>(system.chatServices());
			this.accountService = system.accountService();
		}

		static Webchat start() {
			BackingServices backingServices = BackingServices.obtain();
			List<Integer> ports = freePorts(2 + CHAT_INSTANCES);
			RedisServerProcess redis = RedisServerProcess.start();
			// account-service reaches its database through a proxy a test may cut, as if the
			// database's machine went away: the database itself is shared with other work
			Matcher database = JDBC_HOST_AND_PORT.matcher(backingServices.dbUrl());
			if (!database.matches()) {
				throw new IllegalStateException("Not a jdbc:<driver>://host[:port]/… URL: " + backingServices.dbUrl());
			}
			CuttableTcpProxy databaseProxy = CuttableTcpProxy.to(database.group(2),
					(database.group(3) != null) ? Integer.parseInt(database.group(3)) : 3306);
			String accountDbUrl = database.group(1) + "127.0.0.1:" + databaseProxy.port() + database.group(4);
			// from copies of the jars: others may rebuild a module in this repository meanwhile
			WebchatSettings settings = new WebchatSettings(MODULE_DIRECTORY.getParent(), redis.url(),
					backingServices.accountDatabaseEnvironment(accountDbUrl), ports.get(0), ports.get(1),
					ports.subList(2, ports.size()), WORK_DIRECTORY, true, EXTRA_ENVIRONMENT)
				.withCopiedJars();
			long started = System.nanoTime();
			WebchatSystem system;
			try {
				system = WebchatSystem.start(settings);
			}
			catch (RuntimeException ex) {
				databaseProxy.close();
				redis.close();
				closeQuietly(backingServices);
				throw ex;
			}
			Webchat webchat = new Webchat(system, backingServices, redis, databaseProxy);
			Runtime.getRuntime().addShutdownHook(new Thread(webchat::close, "webchat-system-stop"));
			System.out.printf("webchat started in %.1f s: gateway %s, account-service :%d, chat-service %s, "
					+ "redis-server %s, database %s; logs in %s%n", (System.nanoTime() - started) / 1e9,
					system.gatewayUrl(), ports.get(1), ports.subList(2, ports.size()), redis.url(),
					backingServices.dbUrl(), WORK_DIRECTORY.resolve("logs"));
			return webchat;
		}

		/** Binds them all at once, so that the ports are distinct, then lets them go for the services. */
		private static List<Integer> freePorts(int count) {
			List<ServerSocket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < count; i++) {
					ServerSocket socket = new ServerSocket(0);
					socket.setReuseAddress(true);
					sockets.add(socket);
				}
				return sockets.stream().map(ServerSocket::getLocalPort).toList();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				sockets.forEach(RunningWebchat::closeQuietly);
			}
		}

		/** Where the page and the public APIs are: {@code http://localhost:<port>}. */
		public URI gatewayUrl() {
			return this.system.gatewayUrl();
		}

		/** The chat-service instances, which a client is never meant to reach without the gateway. */
		public List<URI> chatServiceUrls() {
			return this.system.chatServices().stream().map(ServiceProcess::baseUrl).toList();
		}

		/** Stops one chat-service instance at once, as a crash or {@code kill -9} would. */
		public synchronized void killChatInstance(int index) {
			this.chatInstances.get(index).kill();
		}

		/**
		 * Starts a killed chat-service instance again, from the same jar, on the same port, with
		 * the same environment, and waits until it is healthy; the gateway, which balances over
		 * the configured URLs, uses it again from then on.
		 */
		public void restartChatInstance(int index) {
			ServiceProcess restarted;
			synchronized (this) {
				ServiceProcess dead = this.chatInstances.get(index);
				if (dead.isAlive()) {
					return;
				}
				restarted = dead.startAgain("chat-service-" + (index + 1) + "-restart-" + (++this.restarts),
						RESTART_JVM_OPTIONS);
				this.chatInstances.set(index, restarted);
			}
			restarted.awaitHealthy(Duration.ofMinutes(2));
		}

		/** Kills the redis-server ({@code kill -9}): every service's connections to it end. */
		public synchronized void killRedis() {
			this.redis.kill();
		}

		/**
		 * Starts the killed redis-server again on its port, from its append-only file; returns
		 * once it answers. Nothing if it runs.
		 */
		public synchronized void startRedisAgain() {
			if (!this.redis.isRunning()) {
				this.redis.startAgain();
			}
		}

		/** The database goes away for account-service: its connections are reset and new ones refused. */
		public void cutDatabase() {
			this.databaseProxy.cut();
		}

		/** The database is back, as it was. */
		public void restoreDatabase() {
			this.databaseProxy.restore();
		}

		/**
		 * Starts a second gateway — the same jar, environment, Redis, identity key and backends
		 * as the system's own — on a free port, and waits until it is healthy: two replicas
		 * behind whatever balances over them.
		 */
		public URI startSecondGateway() {
			ServiceProcess started;
			synchronized (this) {
				if (this.secondGateway != null && this.secondGateway.isAlive()) {
					return this.secondGateway.baseUrl();
				}
				started = this.system.gateway().startAnother("gateway-2", freePorts(1).get(0));
				this.secondGateway = started;
			}
			started.awaitHealthy(Duration.ofMinutes(2));
			return started.baseUrl();
		}

		/** Stops the second gateway at once, as a crash or {@code kill -9} would. */
		public synchronized void killSecondGateway() {
			if (this.secondGateway != null) {
				this.secondGateway.kill();
			}
		}

		/** Stops account-service at once, as a crash or {@code kill -9} would. */
		public synchronized void killAccountService() {
			this.accountService.kill();
		}

		/** Starts a killed account-service again as it was, and waits until it is healthy. */
		public void restartAccountService() {
			ServiceProcess restarted;
			synchronized (this) {
				if (this.accountService.isAlive()) {
					return;
				}
				restarted = this.accountService.startAgain("account-service-restart-" + (++this.restarts));
				this.accountService = restarted;
			}
			restarted.awaitHealthy(Duration.ofMinutes(2));
		}

		public Path logDirectory() {
			return WORK_DIRECTORY.resolve("logs");
		}

		/** The log tails of every service, for a failure message. */
		public String logTails() {
			StringBuilder tails = new StringBuilder();
			List<ServiceProcess> processes = new ArrayList<>(this.system.processes());
			processes.addAll(this.chatInstances.stream().filter((process) -> !processes.contains(process)).toList());
			if (this.accountService != this.system.accountService()) {
				processes.add(this.accountService);
			}
			if (this.secondGateway != null) {
				processes.add(this.secondGateway);
			}
			for (ServiceProcess process : processes) {
				tails.append("\n--- ").append(process.name()).append(process.isAlive() ? "" : " (DEAD)").append(" ---\n")
					.append(process.logTail());
			}
			return tails.toString();
		}

		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				if (this.secondGateway != null) {
					this.secondGateway.close();
				}
				this.system.close();
				this.chatInstances.stream()
					.filter((process) -> !this.system.chatServices().contains(process))
					.forEach(ServiceProcess::close);
				if (this.accountService != this.system.accountService()) {
					this.accountService.close();
				}
				this.databaseProxy.close();
				this.redis.close();
				closeQuietly(this.backingServices);
			}
		}
	}

	/** {@code jdbc:mysql://} (1), the host (2), the port if given (3), and the rest (4). */
	private static final Pattern JDBC_HOST_AND_PORT = Pattern.compile("^(jdbc:[a-z]+://)([^/:?]+)(?::([0-9]+))?(.*)$");

	private static final AtomicBoolean SCREENSHOTS_CLEARED = new AtomicBoolean();

	/** {@code target/screenshots}, emptied of an earlier run's pictures the first time it is asked for. */
	static Path screenshotDirectory() {
		Path directory = MODULE_DIRECTORY.resolve("target").resolve("screenshots");
		try {
			Files.createDirectories(directory);
			if (SCREENSHOTS_CLEARED.compareAndSet(false, true)) {
				try (Stream<Path> old = Files.list(directory)) {
					for (Path file : old.filter((file) -> file.toString().endsWith(".png")).toList()) {
						Files.delete(file);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return directory;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing more to do at the end of a run
		}
	}
}
