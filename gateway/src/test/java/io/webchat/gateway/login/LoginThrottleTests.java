package io.webchat.gateway.login;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The backoff itself, on the test Redis (logical database 13), with waits short enough to sit out. */
class LoginThrottleTests {

	private static final LettuceConnectionFactory connections = connect();

	private static final ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connections);

	private final LoginThrottle throttle = new LoginThrottle(redis,
			new LoginThrottleProperties(3, Duration.ofMillis(400), Duration.ofMillis(1500), 100, Duration.ofMinutes(1)));

	private static LettuceConnectionFactory connect() {
		String url = System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379/13");
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(url));
		factory.start();
		return factory;
	}

	@BeforeEach
	void forgetEarlierAttempts() {
		redis.keys("gateway:login-failures:{198.51.100.*").flatMap(redis::delete).blockLast();
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void eachAttemptPastTheFreeOnesWaitsTwiceAsLongAsTheOneBeforeUpToTheLongest() {
		for (int i = 0; i < 3; i++) {
			this.throttle.attempt("alice", "198.51.100.1").block();
		}
		Duration first = refusal("alice", "198.51.100.1");
		await().atMost(Duration.ofSeconds(2)).until(() -> goesAhead("alice", "198.51.100.1"));
		Duration second = refusal("alice", "198.51.100.1");
		await().atMost(Duration.ofSeconds(2)).until(() -> goesAhead("alice", "198.51.100.1"));
		Duration third = refusal("alice", "198.51.100.1");

		assertThat(first).isBetween(Duration.ofMillis(1), Duration.ofMillis(400));
		assertThat(second).isBetween(Duration.ofMillis(401), Duration.ofMillis(800));
		assertThat(third).isBetween(Duration.ofMillis(801), Duration.ofMillis(1500));
	}

	@Test
	void theWaitIsTheGuessersAloneAndTheRightPasswordEndsIt() {
		for (int i = 0; i < 3; i++) {
			this.throttle.attempt("alice", "198.51.100.2").block();
		}
		refusal("alice", "198.51.100.2");

		assertThat(goesAhead("alice", "198.51.100.3")).as("alice from elsewhere").isTrue();
		assertThat(goesAhead("bob", "198.51.100.2")).as("another user from the guesser's address").isTrue();
		this.throttle.succeeded("alice", "198.51.100.2").block();
		assertThat(goesAhead("alice", "198.51.100.2")).as("after the right password").isTrue();
	}

	@Test
	void theRightPasswordAfterTheAddresssCountExpiredLeavesNoKeyBehind() {
		this.throttle.attempt("alice", "198.51.100.4").block();
		redis.delete("gateway:login-failures:{198.51.100.4}").block();

		this.throttle.succeeded("alice", "198.51.100.4").block();

		assertThat(redis.keys("gateway:login-failures:{198.51.100.4}*").collectList().block()).isEmpty();
	}

	private Duration refusal(String username, String address) {
		return assertThatExceptionOfType(LoginThrottledException.class)
			.isThrownBy(() -> this.throttle.attempt(username, address).block())
			.actual()
			.retryAfter();
	}

	private boolean goesAhead(String username, String address) {
		try {
			this.throttle.attempt(username, address).block();
			return true;
		}
		catch (LoginThrottledException ex) {
			return false;
		}
	}
}
