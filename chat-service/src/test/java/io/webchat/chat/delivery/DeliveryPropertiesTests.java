package io.webchat.chat.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeliveryPropertiesTests {

	private final DeliveryProperties defaults = properties(Duration.ofSeconds(25), Duration.ofSeconds(25),
			Duration.ofSeconds(5), Duration.ofSeconds(40));

	@Test
	void capsTheClientsTimeoutAtTheMaximum() {
		assertThat(this.defaults.effectiveTimeout(3600)).isEqualTo(Duration.ofSeconds(25));
		assertThat(this.defaults.effectiveTimeout(3)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.defaults.effectiveTimeout(null)).isEqualTo(Duration.ofSeconds(25));
	}

	@Test
	void aPollsRequestStaysOpenLongerThanTheLongestPoll() {
		assertThat(this.defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void refusesADefaultAboveTheMaximum() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(30), Duration.ofSeconds(25),
				Duration.ofSeconds(5), Duration.ofSeconds(40)));
	}

	@Test
	void refusesAMarginThatWouldLetTheRequestTimeOutBeforeThePollAnswers() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(25), Duration.ofSeconds(25),
				Duration.ofMillis(200), Duration.ofSeconds(40)));
	}

	@Test
	void refusesAPresenceWindowThatAWaitingPollWouldOutlast() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(25), Duration.ofSeconds(25),
				Duration.ofSeconds(5), Duration.ofSeconds(26)));
	}

	private static DeliveryProperties properties(Duration defaultTimeout, Duration maxTimeout, Duration margin,
			Duration presenceWindow) {
		return new DeliveryProperties(defaultTimeout, maxTimeout, margin, 100, Duration.ofMinutes(10), 1000,
				presenceWindow, 20, 20000);
	}
}
