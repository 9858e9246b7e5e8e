package io.webchat.testsupport;

import org.testcontainers.DockerClientFactory;

/**
 * Decides once per JVM whether the tests get their Redis and MySQL from Testcontainers or from
 * the services already running on this machine. {@code -Dtest.services=external} (or the
 * environment variable {@code TEST_SERVICES=external}) forces the local services.
 */
public final class DockerAvailability {

	private static volatile Boolean available;

	private DockerAvailability() {
	}

	public static boolean useContainers() {
		if ("external".equalsIgnoreCase(System.getProperty("test.services", System.getenv("TEST_SERVICES")))) {
			return false;
		}
		Boolean result = available;
		if (result == null) {
			result = probe();
			available = result;
		}
		return result;
	}

	private static boolean probe() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}
}
