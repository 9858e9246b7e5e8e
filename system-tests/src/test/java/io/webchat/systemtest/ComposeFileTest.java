package io.webchat.systemtest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs on our machines, so compose is never started here. What can go wrong
 * silently is checked instead: every variable compose sets for a service is one the service
 * reads, every service is built from a module that exists, and every service has a health check
 * that the others can wait for.
 */
class ComposeFileTest {

	/** Variables Spring Boot or the JVM read without a placeholder in our properties. */
	private static final Set<String> READ_BY_THE_PLATFORM = Set.of("SERVER_PORT", "SPRING_PROFILES_ACTIVE",
			"JAVA_TOOL_OPTIONS");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	@ParameterizedTest
	@ValueSource(strings = { "account-service", "chat-service", "gateway" })
	void everyVariableComposeSetsIsOneTheServiceReads(String service) throws IOException {
		Map<String, Object> definition = service(service);
		@SuppressWarnings("unchecked")
		Map<String, Object> environment = (Map<String, Object>) definition.get("environment");
		Set<String> read = variablesReadBy(service);

		assertThat(environment.keySet()).as("variables compose sets for " + service)
			.allSatisfy((name) -> assertThat(read.contains(name) || READ_BY_THE_PLATFORM.contains(name))
				.as(name + " is read by " + service)
				.isTrue());
	}

	@ParameterizedTest
	@ValueSource(strings = { "account-service", "chat-service", "gateway" })
	void everyServiceIsBuiltFromItsModuleAndHasAHealthCheck(String service) throws IOException {
		Map<String, Object> definition = service(service);
		@SuppressWarnings("unchecked")
		Map<String, Object> build = (Map<String, Object>) definition.get("build");
		@SuppressWarnings("unchecked")
		Map<String, Object> args = (Map<String, Object>) build.get("args");

		assertThat(args).containsEntry("SERVICE", service);
		assertThat(ROOT.resolve(service).resolve("pom.xml")).exists();
		assertThat(definition).containsKey("healthcheck").containsKey("mem_limit");
	}

	private static Set<String> variablesReadBy(String module) throws IOException {
		Set<String> variables = new HashSet<>();
		try (Stream<Path> files = Files.list(ROOT.resolve(module).resolve("src/main/resources"))) {
			for (Path file : files.filter((f) -> f.getFileName().toString().matches("application.*\\.properties")).toList()) {
				Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
				while (matcher.find()) {
					variables.add(matcher.group(1));
				}
			}
		}
		return variables;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) throws IOException {
		try (Reader compose = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(compose)
				.get("services");
			assertThat(services).as("services in docker-compose.yml").containsKey(name);
			return (Map<String, Object>) services.get(name);
		}
	}
}
