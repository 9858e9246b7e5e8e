package io.webchat.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import redis.embedded.RedisServer;

/**
 * The run command: starts the whole chat on this machine with nothing but a JDK, prints where
 * to find it, and stops everything on Ctrl-C.
 * <ul>
 * <li>Redis: {@code REDIS_URL} if set, else an embedded Redis 6.2 (a binary shipped in a Maven
 * artifact) with its append-only file under {@code data/redis}.</li>
 * <li>Database: MySQL if {@code MYSQL_URL} is set (with {@code MYSQL_USER}, {@code MYSQL_PASS}),
 * else an H2 file in MySQL mode under {@code data/}.</li>
 * <li>account-service on 8081, chat-service on 8082 and 8083, the gateway on 8080.</li>
 * </ul>
 */
public final class WebchatLauncher {

	static final int GATEWAY_PORT = 8080;

	static final int ACCOUNT_PORT = 8081;

	static final List<Integer> CHAT_PORTS = List.of(8082, 8083);

	static final int EMBEDDED_REDIS_PORT = 6390;

	private WebchatLauncher() {
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		Path data = root.resolve("data");
		requireFreePorts();

		String redisUrl = System.getenv("REDIS_URL");
		RedisServer embeddedRedis = null;
		if (redisUrl == null || redisUrl.isBlank()) {
			embeddedRedis = startEmbeddedRedis(data.resolve("redis"));
			redisUrl = "redis://127.0.0.1:" + EMBEDDED_REDIS_PORT;
		}

		Map<String, String> database = new HashMap<>();
		String mysqlUrl = System.getenv("MYSQL_URL");
		if (mysqlUrl != null && !mysqlUrl.isBlank()) {
			database.put("SPRING_PROFILES_ACTIVE", "mysql");
		}

		System.out.println("Starting webchat (logs in " + data.resolve("logs") + ") ...");
		long started = System.nanoTime();
		WebchatSystem system;
		try {
			system = WebchatSystem.start(new WebchatSettings(root, redisUrl, database, GATEWAY_PORT, ACCOUNT_PORT,
					CHAT_PORTS, data, true, Map.of()));
		}
		catch (RuntimeException ex) {
			if (embeddedRedis != null) {
				embeddedRedis.stop();
			}
			throw ex;
		}
		RedisServer redisToStop = embeddedRedis;
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("Stopping webchat ...");
			system.close();
			if (redisToStop != null) {
				try {
					redisToStop.stop();
				}
				catch (IOException ex) {
					// the process ends anyway
				}
			}
			stopped.countDown();
		}));
		printBanner(system, redisUrl, mysqlUrl, (System.nanoTime() - started) / 1_000_000);
		stopped.await();
	}

	private static RedisServer startEmbeddedRedis(Path directory) throws IOException {
		java.nio.file.Files.createDirectories(directory);
		RedisServer redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(EMBEDDED_REDIS_PORT)
			.setting("dir " + directory)
			.setting("appendonly yes")
			.setting("save \"\"")
			.build();
		redis.start();
		return redis;
	}

	private static void requireFreePorts() {
		List<Integer> ports = new java.util.ArrayList<>(List.of(GATEWAY_PORT, ACCOUNT_PORT));
		ports.addAll(CHAT_PORTS);
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress("0.0.0.0", port));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Port " + port + " is in use; webchat needs ports " + ports
						+ ". Stop whatever uses it (an earlier run?) and try again.");
			}
		}
	}

	private static void printBanner(WebchatSystem system, String redisUrl, String mysqlUrl, long startupMillis) {
		System.out.printf("""

				webchat is running (started in %.1f s)

				  Chat page      %s
				  Log in as      alice / alice-secret, bob / bob-secret, carol / carol-secret
				  Swagger UI     %s/swagger-ui.html  (after logging in)
				  Services       account-service :%d, chat-service :%s
				  Redis          %s
				  Database       %s

				Press Ctrl-C to stop everything.
				%n""", startupMillis / 1000.0, system.gatewayUrl(), system.gatewayUrl(), ACCOUNT_PORT, CHAT_PORTS,
				redisUrl, (mysqlUrl != null && !mysqlUrl.isBlank()) ? mysqlUrl : "H2 file in data/ (MySQL mode)");
	}
}
