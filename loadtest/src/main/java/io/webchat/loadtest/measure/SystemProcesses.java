package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the processes of the benchmarked system by name: the services are child JVMs of this
 * one (told apart by their jar, and the chat instances by their {@code SERVER_PORT}), Redis is
 * the server this tool started.
 */
public final class SystemProcesses {

	private final Map<String, Long> pids = new LinkedHashMap<>();

	public SystemProcesses(long redisPid, int gatewayPort, int accountPort, java.util.List<Integer> chatPorts) {
		this.pids.put("load tool", ProcessHandle.current().pid());
		ProcessHandle.current().descendants().forEach((process) -> {
			String command = process.info().commandLine().orElse("");
			port(process.pid()).ifPresent((port) -> {
				if (command.contains("gateway") && port == gatewayPort) {
					this.pids.put("gateway", process.pid());
				}
				else if (command.contains("account-service") && port == accountPort) {
					this.pids.put("account-service", process.pid());
				}
				else if (command.contains("chat-service") && chatPorts.contains(port)) {
					this.pids.put("chat-service-" + (chatPorts.indexOf(port) + 1), process.pid());
				}
			});
		});
		this.pids.put("redis", redisPid);
	}

	public Map<String, Long> pids() {
		return this.pids;
	}

	public Optional<Long> pid(String name) {
		return Optional.ofNullable(this.pids.get(name));
	}

	public Map<String, ProcessStats> sample() {
		Map<String, ProcessStats> stats = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> stats.put(name, ProcessStats.of(pid)));
		return stats;
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
