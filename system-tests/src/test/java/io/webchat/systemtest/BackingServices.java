package io.webchat.systemtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.webchat.testsupport.DockerAvailability;
import io.webchat.testsupport.TestServiceImages;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The Redis and the MySQL-compatible database the system under test uses: containers when
 * Docker runs, otherwise the servers on this machine (Redis logical database 12 and the
 * {@code webchat_system_test} database, or whatever the {@code TEST_*} variables name). Neither
 * at hand is a failure with a message that says what to do, never a skip.
 */
final class BackingServices implements AutoCloseable {

	static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12";

	static final String DEFAULT_DB_URL = "jdbc:mysql://127.0.0.1:3306/webchat_system_test?createDatabaseIfNotExist=true";

	/** {@code jdbc:mysql://host:port/<name>_test?…} */
	private static final Pattern TEST_DATABASE_NAME = Pattern.compile("^jdbc:[a-z]+://[^/]+/([A-Za-z0-9_]+_test)(\\?|$)");

	private final String redisUrl;

	private final String dbUrl;

	private final String dbUser;

	private final String dbPassword;

	private final AutoCloseable containers;

	private BackingServices(String redisUrl, String dbUrl, String dbUser, String dbPassword, AutoCloseable containers) {
		this.redisUrl = redisUrl;
		this.dbUrl = dbUrl;
		this.dbUser = dbUser;
		this.dbPassword = dbPassword;
		this.containers = containers;
	}

	static BackingServices obtain() {
		return DockerAvailability.useContainers() ? containers() : local();
	}

	private static BackingServices containers() {
		GenericContainer<?> redis = new GenericContainer<>(TestServiceImages.REDIS).withExposedPorts(6379);
		MySQLContainer mysql = new MySQLContainer(TestServiceImages.MYSQL);
		AutoCloseable stop = () -> {
			mysql.stop();
			redis.stop();
		};
		try {
			redis.start();
			mysql.start();
		}
		catch (RuntimeException ex) {
			redis.stop();
			mysql.stop();
			throw new IllegalStateException("Docker answers, but the containers " + TestServiceImages.REDIS + " / "
					+ TestServiceImages.MYSQL + " did not start: " + ex.getMessage(), ex);
		}
		String redisUrl = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379) + "/12";
		return new BackingServices(redisUrl, mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword(), stop);
	}

	private static BackingServices local() {
		String redisUrl = env("TEST_REDIS_URL", DEFAULT_REDIS_URL);
		String dbUrl = env("TEST_DB_URL", DEFAULT_DB_URL);
		String dbUser = env("TEST_DB_USER", "root");
		String dbPassword = env("TEST_DB_PASS", "");
		RedisDatabase redis = RedisDatabase.of(redisUrl);
		try {
			// Leftovers of an earlier run (sessions, inboxes, the relations read model) go; the
			// database number is ours alone, the shared Redis's other databases stay untouched.
			redis.flushDatabase();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(noService("Redis", redisUrl, "TEST_REDIS_URL") + " Cause: " + ex.getMessage(),
					ex);
		}
		DriverManager.setLoginTimeout(5);
		try (Connection connection = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
			connection.isValid(5);
			emptyTestDatabase(dbUrl, connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(noService("MySQL/MariaDB", dbUrl, "TEST_DB_URL, TEST_DB_USER, TEST_DB_PASS")
					+ " Cause: " + ex.getMessage(), ex);
		}
		return new BackingServices(redisUrl, dbUrl, dbUser, dbPassword, () -> {
		});
	}

	/**
	 * Users, friendships and groups of an earlier run go too, so that every run starts from the
	 * demo data alone (account-service's Flyway builds the schema again). Only a database whose
	 * name ends in {@code _test} is emptied, in case TEST_DB_URL names one that matters.
	 */
	private static void emptyTestDatabase(String dbUrl, Connection connection) throws SQLException {
		Matcher name = TEST_DATABASE_NAME.matcher(dbUrl);
		if (name.find()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS `" + name.group(1) + "`");
				statement.execute("CREATE DATABASE `" + name.group(1) + "`");
			}
		}
	}

	private static String noService(String service, String url, String variables) {
		return "The system tests need Docker (for Testcontainers) or a running " + service + ": Docker is not "
				+ "available and " + service + " does not answer at " + url + ". Start Docker, or start " + service
				+ " locally, or point " + variables + " at one (-Dtest.services=external skips the Docker check).";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	String redisUrl() {
		return this.redisUrl;
	}

	/** account-service's environment for this database (the {@code mysql} profile). */
	Map<String, String> accountDatabaseEnvironment() {
		return Map.of("SPRING_PROFILES_ACTIVE", "mysql", "MYSQL_URL", this.dbUrl, "MYSQL_USER", this.dbUser,
				"MYSQL_PASS", this.dbPassword);
	}

	String describe() {
		return "Redis " + this.redisUrl + ", database " + this.dbUrl;
	}

	@Override
	public void close() throws Exception {
		this.containers.close();
	}
}
