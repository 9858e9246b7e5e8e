package io.webchat.chat.inbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LongPollPropertiesTests {

	private final LongPollProperties defaults = new LongPollProperties(Duration.ofSeconds(25), Duration.ofSeconds(25),
			Duration.ofSeconds(5), 100);

	@Test
	void capsTheClientsTimeoutAtTheMaximum() {
		assertThat(this.defaults.effectiveTimeout(3600)).isEqualTo(Duration.ofSeconds(25));
		assertThat(this.defaults.effectiveTimeout(3)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.defaults.effectiveTimeout(null)).isEqualTo(Duration.ofSeconds(25));
	}

	@Test
	void blpopConnectionsWaitLongerThanTheLongestPoll() {
		assertThat(this.defaults.blockingCommandTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void refusesADefaultAboveTheMaximum() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LongPollProperties(Duration.ofSeconds(30), Duration.ofSeconds(25), Duration.ofSeconds(5), 100));
	}

	@Test
	void refusesAMarginThatWouldLetTheClientAbandonABlpopBeforeRedisDoes() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new LongPollProperties(Duration.ofSeconds(25), Duration.ofSeconds(25), Duration.ofMillis(200), 100));
	}
}
