package io.webchat.gateway.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.webchat.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LongPollTimeoutCheckTest {

	private static final Duration LONGEST_POLL = Duration.ofSeconds(25);

	/** The backend response timeout as the gateway binds it from its configuration. */
	private static LongPollTimeoutCheck checkWithReadTimeout(String readTimeout) {
		MockEnvironment environment = new MockEnvironment();
		if (readTimeout != null) {
			environment.setProperty(LongPollTimeoutCheck.RESPONSE_TIMEOUT, readTimeout);
		}
		HttpClientProperties httpClient = Binder.get(environment)
			.bindOrCreate("spring.cloud.gateway.server.webflux.httpclient", HttpClientProperties.class);
		GatewayProperties properties = new GatewayProperties(URI.create("http://localhost:8081"),
				List.of(URI.create("http://localhost:8082")), LONGEST_POLL, org.springframework.util.unit.DataSize.ofKilobytes(64),
				Duration.ofMinutes(1), 256, 10000, 12000, Duration.ofSeconds(5));
		return new LongPollTimeoutCheck(properties, httpClient);
	}

	@Test
	void startUpFailsWhenTheReadTimeoutIsShorterThanTheLongestPoll() {
		assertThatIllegalStateException().isThrownBy(() -> checkWithReadTimeout("20s").afterPropertiesSet())
			.withMessageContaining(LongPollTimeoutCheck.RESPONSE_TIMEOUT + " (PT20S)")
			.withMessageContaining("webchat.gateway.chat-poll-max-timeout");
	}

	@Test
	void startUpFailsWhenTheReadTimeoutLeavesLessThanFiveSecondsOfHeadroom() {
		assertThatIllegalStateException().isThrownBy(() -> checkWithReadTimeout("29s").afterPropertiesSet())
			.withMessageContaining("(PT30S)");
	}

	@Test
	void startUpFailsWhenNoReadTimeoutIsSet() {
		assertThatIllegalStateException().isThrownBy(() -> checkWithReadTimeout(null).afterPropertiesSet())
			.withMessageContaining(LongPollTimeoutCheck.RESPONSE_TIMEOUT + " must be set");
	}

	@Test
	void startUpPassesWhenTheReadTimeoutIsTheLongestPollPlusFiveSeconds() {
		assertThatNoException().isThrownBy(() -> checkWithReadTimeout("30s").afterPropertiesSet());
	}

	@Test
	void startUpPassesWithTheShippedDefaultsOf40sAnd25s() {
		assertThatNoException().isThrownBy(() -> checkWithReadTimeout("40s").afterPropertiesSet());
	}

	@Test
	void theReadTimeoutMayBeWrittenInMilliseconds() {
		assertThatNoException().isThrownBy(() -> checkWithReadTimeout("30000").afterPropertiesSet());
	}
}
