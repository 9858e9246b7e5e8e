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
import org.testcontainers.mysql.MySQLContainer;

/**
 * The MySQL-compatible database the system under test uses: a container when Docker runs,
 * otherwise the server on this machine (the {@code webchat_system_test} database, or whatever
 * the {@code TEST_DB_*} variables name). None at hand is a failure with a message that says
 * what to do, never a skip. Redis is not here: the system gets a {@code redis-server} of its own
 * ({@link RunningWebchat}), which a test may kill.
 */
final class BackingServices implements AutoCloseable {

	static final String DEFAULT_DB_URL = "jdbc:mysql://127.0.0.1:3306/webchat_system_test?createDatabaseIfNotExist=true";

	/** {@code jdbc:mysql://host:port/<name>_test?…} */
	private static final Pattern TEST_DATABASE_NAME = Pattern.compile("^jdbc:[a-z]+://[^/]+/([A-Za-z0-9_]+_test)(\\?|$)");

	private final String dbUrl;

	private final String dbUser;

	private final String dbPassword;

	private final AutoCloseable containers;

	private BackingServices(String dbUrl, String dbUser, String dbPassword, AutoCloseable containers) {
		this.dbUrl = dbUrl;
		this.dbUser = dbUser;
		this.dbPassword = dbPassword;
		this.containers = containers;
	}

	static BackingServices obtain() {
		return DockerAvailability.useContainers() ? containers() : local();
	}

	private static BackingServices containers() {
		MySQLContainer mysql = new MySQLContainer(TestServiceImages.MYSQL);
		try {
			mysql.start();
		}
		catch (RuntimeException ex) {
			mysql.stop();
			throw new IllegalStateException("Docker answers, but the container " + TestServiceImages.MYSQL
					+ " did not start: " + ex.getMessage(), ex);
		}
		return new BackingServices(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword(), mysql::stop);
	}

	private static BackingServices local() {
		String dbUrl = env("TEST_DB_URL", DEFAULT_DB_URL);
		String dbUser = env("TEST_DB_USER", "root");
		String dbPassword = env("TEST_DB_PASS", "");
		DriverManager.setLoginTimeout(5);
		try (Connection connection = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
			connection.isValid(5);
			emptyTestDatabase(dbUrl, connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(noService("MySQL/MariaDB", dbUrl, "TEST_DB_URL, TEST_DB_USER, TEST_DB_PASS")
					+ " Cause: " + ex.getMessage(), ex);
		}
		return new BackingServices(dbUrl, dbUser, dbPassword, () -> {
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

	/** The database's {@code jdbc:mysql://host:port/name?…} URL. */
	String dbUrl() {
		return this.dbUrl;
	}

	/** account-service's environment for this database (the {@code mysql} profile), reached at {@code dbUrl}. */
	Map<String, String> accountDatabaseEnvironment(String dbUrl) {
		return Map.of("SPRING_PROFILES_ACTIVE", "mysql", "MYSQL_URL", dbUrl, "MYSQL_USER", this.dbUser, "MYSQL_PASS",
				this.dbPassword);
	}

	@Override
	public void close() throws Exception {
		this.containers.close();
	}
}
