package io.webchat.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start the system.
 *
 * @param repositoryRoot where the modules' built jars are ({@code <module>/target})
 * @param redisUrl the Redis every service uses
 * @param accountDatabase environment for account-service's database: empty for the embedded H2
 *        file, or {@code SPRING_PROFILES_ACTIVE=mysql} with {@code MYSQL_URL} and friends
 * @param gatewayPort the port of the page and the APIs
 * @param accountPort account-service's port
 * @param chatPorts one port per chat-service instance
 * @param workDirectory where keys, logs and the embedded database live
 * @param demoData whether account-service creates alice, bob and carol
 * @param extraEnvironment added to every service's environment (tests tune timeouts with it)
 */
public record WebchatSettings(Path repositoryRoot, String redisUrl, Map<String, String> accountDatabase, int gatewayPort,
		int accountPort, List<Integer> chatPorts, Path workDirectory, boolean demoData,
		Map<String, String> extraEnvironment) {
}
