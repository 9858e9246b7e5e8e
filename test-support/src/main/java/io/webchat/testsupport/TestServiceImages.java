package io.webchat.testsupport;

/** The images the tests run when Docker is there; the same major versions as docker-compose.yml. */
public final class TestServiceImages {

	public static final String REDIS = "redis:7.4-alpine";

	public static final String MYSQL = "mysql:8.4";

	private TestServiceImages() {
	}
}
