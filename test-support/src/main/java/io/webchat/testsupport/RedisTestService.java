package io.webchat.testsupport;

import org.testcontainers.containers.GenericContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * A real Redis for a Spring test: a container when Docker runs, otherwise the one named by
 * {@code spring.data.redis.url} (tests default it from {@code TEST_REDIS_URL}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class RedisTestService {

	@Bean
	@ServiceConnection(name = "redis")
	@Conditional(ContainersWhenDockerRuns.class)
	GenericContainer<?> redisContainer() {
		return new GenericContainer<>(TestServiceImages.REDIS).withExposedPorts(6379);
	}

	@Bean
	@Conditional(LocalServicesWithoutDocker.class)
	static LocalServiceProbe localRedisMustAnswer() {
		return new LocalServiceProbe("Redis", "spring.data.redis.url", 6379);
	}
}
