package io.webchat.chat.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis Cluster of three masters on loopback ports, made from the machine's
 * {@code redis-server} and {@code redis-cli} the way an operator would, for the tests that prove
 * the key layout is cluster-safe. Stopped when the test JVM exits.
 */
final class LocalRedisCluster {

	private static LocalRedisCluster running;

	private final List<Integer> ports;

	private final List<Process> servers;

	private LocalRedisCluster(List<Integer> ports, List<Process> servers) {
		this.ports = ports;
		this.servers = servers;
	}

	static synchronized LocalRedisCluster startOnce() {
		if (running == null) {
			running = start(3);
			Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
		}
		return running;
	}

	/** {@code 127.0.0.1:port,...}, the form of {@code spring.data.redis.cluster.nodes}. */
	String nodes() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	private static LocalRedisCluster start(int masters) {
		try {
			Path directory = Files.createTempDirectory("webchat-redis-cluster");
			List<Integer> ports = freePortsWithFreeBusPorts(masters);
			List<Process> servers = new ArrayList<>();
			for (int port : ports) {
				Path nodeDirectory = Files.createDirectories(directory.resolve(Integer.toString(port)));
				servers.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
						"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--dir", nodeDirectory.toString(),
						"--save", "", "--appendonly", "no")
					.redirectErrorStream(true)
					.redirectOutput(nodeDirectory.resolve("redis.log").toFile())
					.start());
			}
			LocalRedisCluster cluster = new LocalRedisCluster(ports, servers);
			for (int port : ports) {
				await().atMost(Duration.ofSeconds(20)).until(() -> cli(port, "ping").contains("PONG"));
			}
			List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			ports.forEach((port) -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			run(create);
			for (int port : ports) {
				await().atMost(Duration.ofSeconds(30)).until(() -> cli(port, "cluster", "info").contains("cluster_state:ok"));
			}
			return cluster;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start a Redis Cluster: redis-server and redis-cli must be on the PATH "
					+ "(Debian: apt-get install redis-server redis-tools)", ex);
		}
	}

	private void stop() {
		this.servers.forEach(Process::destroy);
	}

	private static String cli(int port, String... command) {
		List<String> line = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
		line.addAll(List.of(command));
		return run(line);
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Cluster nodes also listen on port + 10000 (the cluster bus), so both must be free. */
	private static List<Integer> freePortsWithFreeBusPorts(int count) {
		List<Integer> ports = new ArrayList<>();
		while (ports.size() < count) {
			int port = ThreadLocalRandom.current().nextInt(20000, 40000);
			if (!ports.contains(port) && isFree(port) && isFree(port + 10000)) {
				ports.add(port);
			}
		}
		return ports;
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}
}
