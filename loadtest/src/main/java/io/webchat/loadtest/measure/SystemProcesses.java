package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The processes of one system under test, by name, and the load tool's own. Every process but
 * the load tool is the system's server side, whose CPU a delivered message is charged with.
 */
public final class SystemProcesses {

	public static final String LOAD_TOOL = "load tool";

	private final Map<String, Long> pids = new LinkedHashMap<>();

	private final Set<String> jvms = new LinkedHashSet<>();

	private SystemProcesses() {
		this.pids.put(LOAD_TOOL, ProcessHandle.current().pid());
	}

	/**
	 * webchat's processes: its services are child JVMs of this one (told apart by their jar, and
	 * the chat instances by their {@code SERVER_PORT}), Redis is the server this tool started.
	 */
	public static SystemProcesses webchat(long redisPid, int gatewayPort, int accountPort, List<Integer> chatPorts) {
		SystemProcesses processes = new SystemProcesses();
		ProcessHandle.current().descendants().forEach((process) -> {
			String command = process.info().commandLine().orElse("");
			port(process.pid()).ifPresent((port) -> {
				if (command.contains("gateway") && port == gatewayPort) {
					processes.addJvm("gateway", process.pid());
				}
				else if (command.contains("account-service") && port == accountPort) {
					processes.addJvm("account-service", process.pid());
				}
				else if (command.contains("chat-service") && chatPorts.contains(port)) {
					processes.addJvm("chat-service-" + (chatPorts.indexOf(port) + 1), process.pid());
				}
			});
		});
		processes.pids.put("redis", redisPid);
		return processes;
	}

	/** A system that is one JVM, such as the CometD peer. */
	public static SystemProcesses singleJvm(String name, long pid) {
		SystemProcesses processes = new SystemProcesses();
		processes.addJvm(name, pid);
		return processes;
	}

	private void addJvm(String name, long pid) {
		this.pids.put(name, pid);
		this.jvms.add(name);
	}

	public Map<String, Long> pids() {
		return this.pids;
	}

	public Optional<Long> pid(String name) {
		return Optional.ofNullable(this.pids.get(name));
	}

	/** The server side's JVMs, whose heap can be measured with {@code jcmd}. */
	public Set<String> jvms() {
		return this.jvms;
	}

	public Map<String, ProcessStats> sample() {
		Map<String, ProcessStats> stats = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> stats.put(name, ProcessStats.of(pid)));
		return stats;
	}

	/**
	 * Each server JVM's live heap after a full collection, in bytes; a JVM whose heap could not
	 * be read is left out. The JVMs are measured at once: each {@code jcmd} is a JVM start.
	 */
	public Map<String, Long> liveHeapBytes() {
		Map<String, CompletableFuture<Long>> measuring = new LinkedHashMap<>();
		// not the common pool: a caller may keep its only thread (on 2 cores) busy pacing sends
		try (ExecutorService jcmds = Executors.newVirtualThreadPerTaskExecutor()) {
			this.jvms.forEach((name) -> measuring.put(name,
					CompletableFuture.supplyAsync(() -> JvmHeap.liveBytes(this.pids.get(name)), jcmds)));
			Map<String, Long> heap = new LinkedHashMap<>();
			measuring.forEach((name, bytes) -> {
				if (bytes.join() >= 0) {
					heap.put(name, bytes.join());
				}
			});
			return heap;
		}
	}

	/** Each server JVM's live objects by class ({@link JvmHeap#liveClasses}), the JVMs at once. */
	public Map<String, Map<String, long[]>> liveClasses() {
		Map<String, CompletableFuture<Map<String, long[]>>> measuring = new LinkedHashMap<>();
		try (ExecutorService jcmds = Executors.newVirtualThreadPerTaskExecutor()) {
			this.jvms.forEach((name) -> measuring.put(name,
					CompletableFuture.supplyAsync(() -> JvmHeap.liveClasses(this.pids.get(name)), jcmds)));
			Map<String, Map<String, long[]>> classes = new LinkedHashMap<>();
			measuring.forEach((name, histogram) -> classes.put(name, histogram.join()));
			return classes;
		}
	}

	private static Optional<Integer> port(long pid) {
		try {
			String environment = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
					StandardCharsets.UTF_8);
			for (String variable : environment.split("\0")) {
				if (variable.startsWith("SERVER_PORT=")) {
					return Optional.of(Integer.parseInt(variable.substring("SERVER_PORT=".length())));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not one of ours
		}
		return Optional.empty();
	}
}
