package io.webchat.loadtest;

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

import io.webchat.launcher.IdentityKeyPair;
import io.webchat.launcher.ServiceProcess;
import io.webchat.launcher.WebchatSettings;

/**
 * The system under test, wired exactly as the launcher's {@code WebchatSystem} wires it (one
 * Redis, one identity key pair, the gateway in front of the chat instances), with the JVM
 * options it is given: the launcher's, as the run command uses them, unless a run adds some.
 */
public final class BenchmarkSystem implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final List<ServiceProcess> processes;

	private final ServiceProcess gateway;

	private BenchmarkSystem(List<ServiceProcess> processes, ServiceProcess gateway) {
		this.processes = processes;
		this.gateway = gateway;
	}

	public static BenchmarkSystem start(WebchatSettings settings, Map<String, List<String>> jvmOptions) {
		Path logs = settings.workDirectory().resolve("logs");
		IdentityKeyPair keys = IdentityKeyPair.generate(settings.workDirectory().resolve("keys"));
		Map<String, String> common = new HashMap<>(settings.extraEnvironment());
		common.put("REDIS_URL", settings.redisUrl());
		common.put("JWT_PUBLIC_KEY_LOCATION", keys.publicKey().toUri().toString());
		Map<String, String> accountEnv = new HashMap<>(common);
		accountEnv.putAll(settings.accountDatabase());
		accountEnv.put("DEMO_DATA", Boolean.toString(settings.demoData()));
		Map<String, String> gatewayEnv = new HashMap<>(common);
		gatewayEnv.put("JWT_PRIVATE_KEY_LOCATION", keys.privateKey().toUri().toString());
		gatewayEnv.put("ACCOUNT_SERVICE_URL", "http://localhost:" + settings.accountPort());
		gatewayEnv.put("CHAT_SERVICE_URLS",
				settings.chatPorts().stream().map((port) -> "http://localhost:" + port).collect(Collectors.joining(",")));

		// started from copies, so that a build running meanwhile cannot swap a jar under a running JVM
		Path jars = settings.workDirectory().resolve("jars");
		Map<String, Path> jar = new HashMap<>();
		for (String module : List.of("account-service", "chat-service", "gateway")) {
			jar.put(module, copy(jarOf(settings.repositoryRoot(), module), jars.resolve(module + ".jar")));
		}
		List<ServiceProcess> started = new ArrayList<>();
		try {
			started.add(ServiceProcess.start("account-service", jar.get("account-service"),
					settings.accountPort(), accountEnv, logs, jvmOptions.get("account-service")));
			for (int i = 0; i < settings.chatPorts().size(); i++) {
				started.add(ServiceProcess.start("chat-service-" + (i + 1),
						jar.get("chat-service"), settings.chatPorts().get(i), common, logs,
						jvmOptions.get("chat-service")));
			}
			ServiceProcess gateway = ServiceProcess.start("gateway", jar.get("gateway"),
					settings.gatewayPort(), gatewayEnv, logs, jvmOptions.get("gateway"));
			started.add(gateway);
			CompletableFuture.allOf(started.stream()
				.map((process) -> CompletableFuture.runAsync(() -> process.awaitHealthy(STARTUP_TIMEOUT)))
				.toArray(CompletableFuture[]::new)).join();
			return new BenchmarkSystem(List.copyOf(started), gateway);
		}
		catch (RuntimeException ex) {
			started.forEach(ServiceProcess::kill);
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	public URI gatewayUrl() {
		return this.gateway.baseUrl();
	}

	/** The benchmark is over: nothing needs a graceful shutdown, and 5,000 open polls would only delay it. */
	@Override
	public void close() {
		this.processes.parallelStream().forEach(ServiceProcess::kill);
	}

	private static Path copy(Path jar, Path to) {
		try {
			Files.createDirectories(to.getParent());
			return Files.copy(jar, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy " + jar, ex);
		}
	}

	private static Path jarOf(Path repositoryRoot, String module) {
		Path target = repositoryRoot.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches(module + "-[0-9][^/]*\\.jar"))
				.filter((file) -> !file.getFileName().toString().matches(".*-(sources|javadoc|tests|exec)\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No " + module + " jar in " + target));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No " + target + ": build the services first (./loadtest.sh does)", ex);
		}
	}
}
