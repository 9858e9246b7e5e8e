package io.webchat.testsupport;

import org.testcontainers.mysql.MySQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * A real MySQL-compatible database for a Spring test: MySQL 8.4 in a container when Docker
 * runs, otherwise the server named by {@code spring.datasource.url} (tests default it from
 * {@code TEST_DB_URL}; on our machines that is the local MariaDB).
 */
@TestConfiguration(proxyBeanMethods = false)
public class MySqlTestService {

	@Bean
	@ServiceConnection
	@Conditional(ContainersWhenDockerRuns.class)
	MySQLContainer mysqlContainer() {
		return new MySQLContainer(TestServiceImages.MYSQL);
	}

	@Bean
	@Conditional(LocalServicesWithoutDocker.class)
	static LocalServiceProbe localDatabaseMustAnswer() {
		return new LocalServiceProbe("MySQL/MariaDB", "spring.datasource.url", 3306);
	}
}
