package io.webchat.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param extraJvmOptions by service ({@code account-service}, {@code chat-service},
 *        {@code gateway}): added to the options the run command uses (a benchmark tries another
 *        collector with it)
 * @param copyJars whether each service runs from a copy of its jar in the work directory: a JVM
 *        reads classes from its jar for as long as it runs, so a build during a long run (a
 *        test suite, a benchmark) would otherwise pull the jar out from under it
 */
public record WebchatSettings(Path repositoryRoot, String redisUrl, Map<String, String> accountDatabase, int gatewayPort,
		int accountPort, List<Integer> chatPorts, Path workDirectory, boolean demoData,
		Map<String, String> extraEnvironment, Map<String, List<String>> extraJvmOptions, boolean copyJars) {

	/** As the run command starts it: the JVM options of {@link WebchatSystem#jvmOptions}, from the built jars. */
	public WebchatSettings(Path repositoryRoot, String redisUrl, Map<String, String> accountDatabase, int gatewayPort,
			int accountPort, List<Integer> chatPorts, Path workDirectory, boolean demoData,
			Map<String, String> extraEnvironment) {
		this(repositoryRoot, redisUrl, accountDatabase, gatewayPort, accountPort, chatPorts, workDirectory, demoData,
				extraEnvironment, Map.of(), false);
	}

	public WebchatSettings withExtraJvmOptions(Map<String, List<String>> options) {
		return new WebchatSettings(this.repositoryRoot, this.redisUrl, this.accountDatabase, this.gatewayPort,
				this.accountPort, this.chatPorts, this.workDirectory, this.demoData, this.extraEnvironment, options,
				this.copyJars);
	}

	public WebchatSettings withCopiedJars() {
		return new WebchatSettings(this.repositoryRoot, this.redisUrl, this.accountDatabase, this.gatewayPort,
				this.accountPort, this.chatPorts, this.workDirectory, this.demoData, this.extraEnvironment,
				this.extraJvmOptions, true);
	}

	/** The JVM options {@code service} runs with: the run command's, then any extra. */
	public List<String> jvmOptions(String service) {
		List<String> options = new ArrayList<>(WebchatSystem.jvmOptions(service));
		options.addAll(this.extraJvmOptions.getOrDefault(service, List.of()));
		return List.copyOf(options);
	}
}
