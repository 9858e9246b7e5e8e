package io.webchat.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * account-service, the chat-service instances and the gateway, each in its own JVM, wired to
 * one Redis and one identity key pair. The one way the system is started: by the run command,
 * the system tests and the load tool ({@link WebchatSettings} says how).
 */
public final class WebchatSystem implements AutoCloseable {

	/**
	 * Three or four JVMs share a small box (two cores, on the machines we measure on): Reactor
	 * Netty gets one event loop per core instead of at least four, and the JIT two compiler
	 * threads. The collector stays G1: a waiting long poll's objects live 25 s, long enough to be
	 * promoted, and die in the old generation; the serial collector then needed a full, stop-the-
	 * world collection every few seconds. The same options are in the Dockerfile.
	 */
	private static final List<String> SMALL_BOX = List.of("-Dreactor.netty.ioWorkerCount=2", "-XX:CICompilerCount=2",
			"-XX:+ExitOnOutOfMemoryError");

	/**
	 * Heaps from the live sets measured with 5,000 polls waiting (class histograms and GC logs in
	 * the delivery benchmark): the gateway holds 250–370 MB, a chat instance 200–330 MB, about
	 * 37 KB per waiting poll on top of 60 MB of their own. With 512 MB, G1 spent more than half
	 * of the gateway's CPU collecting, in pauses of 100–220 ms; it needs about three times the
	 * live set. account-service holds JPA and its connection pool.
	 */
	private static final Map<String, String> HEAP = Map.of("gateway", "-Xmx1g", "chat-service", "-Xmx1g",
			"account-service", "-Xmx384m");

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * Where account-service and the chat instances listen: only the gateway, on this machine,
	 * talks to them, so nothing from outside can reach them, with or without a token. The
	 * gateway listens on every interface. Compose keeps the same shape by publishing only the
	 * gateway's port.
	 */
	public static final String SERVICES_ADDRESS = "127.0.0.1";

	private final ServiceProcess accountService;

	private final List<ServiceProcess> chatServices;

	private final ServiceProcess gateway;

	private WebchatSystem(ServiceProcess accountService, List<ServiceProcess> chatServices, ServiceProcess gateway) {
		this.accountService = accountService;
		this.chatServices = chatServices;
		this.gateway = gateway;
	}

	/** The JVM options each service runs with: account-service, chat-service or gateway. */
	public static List<String> jvmOptions(String service) {
		List<String> options = new ArrayList<>(SMALL_BOX);
		options.add(HEAP.get(service));
		return List.copyOf(options);
	}

	public static WebchatSystem start(WebchatSettings settings) {
		Path logs = settings.workDirectory().resolve("logs");
		IdentityKeyPair keys = IdentityKeyPair.generate(settings.workDirectory().resolve("keys"));
		Map<String, String> common = new HashMap<>(settings.extraEnvironment());
		common.put("REDIS_URL", settings.redisUrl());
		common.put("JWT_PUBLIC_KEY_LOCATION", keys.publicKey().toUri().toString());

		Map<String, String> serviceEnv = new HashMap<>(common);
		serviceEnv.put("SERVER_ADDRESS", SERVICES_ADDRESS);
		Map<String, String> accountEnv = new HashMap<>(serviceEnv);
		accountEnv.putAll(settings.accountDatabase());
		accountEnv.putIfAbsent("ACCOUNT_H2_FILE", settings.workDirectory().resolve("account-service").toString());
		accountEnv.put("DEMO_DATA", Boolean.toString(settings.demoData()));

		Map<String, String> gatewayEnv = new HashMap<>(common);
		gatewayEnv.put("JWT_PRIVATE_KEY_LOCATION", keys.privateKey().toUri().toString());
		gatewayEnv.put("ACCOUNT_SERVICE_URL", "http://" + SERVICES_ADDRESS + ":" + settings.accountPort());
		gatewayEnv.put("CHAT_SERVICE_URLS", settings.chatPorts()
			.stream()
			.map((port) -> "http://" + SERVICES_ADDRESS + ":" + port)
			.collect(Collectors.joining(",")));

		Map<String, Path> jars = new HashMap<>();
		for (String module : List.of("account-service", "chat-service", "gateway")) {
			Path built = jarOf(settings.repositoryRoot(), module);
			jars.put(module, settings.copyJars()
					? JarCopies.copyWhole(built, settings.workDirectory().resolve("jars").resolve(module + ".jar"))
					: built);
		}
		List<ServiceProcess> started = new ArrayList<>();
		try {
			ServiceProcess account = ServiceProcess.start("account-service", jars.get("account-service"),
					settings.accountPort(), accountEnv, logs, settings.jvmOptions("account-service"));
			started.add(account);
			List<ServiceProcess> chats = new ArrayList<>();
			for (int i = 0; i < settings.chatPorts().size(); i++) {
				ServiceProcess chat = ServiceProcess.start("chat-service-" + (i + 1), jars.get("chat-service"),
						settings.chatPorts().get(i), serviceEnv, logs, settings.jvmOptions("chat-service"));
				started.add(chat);
				chats.add(chat);
			}
			ServiceProcess gateway = ServiceProcess.start("gateway", jars.get("gateway"), settings.gatewayPort(),
					gatewayEnv, logs, settings.jvmOptions("gateway"));
			started.add(gateway);
			CompletableFuture.allOf(started.stream()
				.map((process) -> CompletableFuture.runAsync(() -> process.awaitHealthy(STARTUP_TIMEOUT)))
				.toArray(CompletableFuture[]::new)).join();
			return new WebchatSystem(account, List.copyOf(chats), gateway);
		}
		catch (RuntimeException ex) {
			started.forEach(ServiceProcess::kill);
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/** The module's Spring Boot jar, as {@code ./mvnw package} leaves it. */
	static Path jarOf(Path repositoryRoot, String module) {
		Path target = repositoryRoot.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files
				.filter((file) -> file.getFileName().toString().matches(module + "-[0-9][^/]*\\.jar"))
				.filter((file) -> !file.getFileName().toString().matches(".*-(sources|javadoc|tests|exec)\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No " + module + " jar in " + target + ": run ./mvnw package -DskipTests first"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No " + target + ": run ./mvnw package -DskipTests first", ex);
		}
	}

	public URI gatewayUrl() {
		return this.gateway.baseUrl();
	}

	public ServiceProcess accountService() {
		return this.accountService;
	}

	public List<ServiceProcess> chatServices() {
		return this.chatServices;
	}

	public ServiceProcess gateway() {
		return this.gateway;
	}

	public List<ServiceProcess> processes() {
		List<ServiceProcess> all = new ArrayList<>();
		all.add(this.accountService);
		all.addAll(this.chatServices);
		all.add(this.gateway);
		return all;
	}

	/**
	 * Stops every process at once, as {@code kill -9} would: for a benchmark, whose thousands of
	 * open polls would only delay a graceful stop.
	 */
	public void kill() {
		processes().parallelStream().forEach(ServiceProcess::kill);
	}

	/** Stops the gateway first, so nobody is sent to a service that is already gone. */
	@Override
	public void close() {
		this.gateway.close();
		this.chatServices.parallelStream().forEach(ServiceProcess::close);
		this.accountService.close();
	}
}
