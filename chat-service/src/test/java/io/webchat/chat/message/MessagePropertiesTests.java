package io.webchat.chat.message;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class MessagePropertiesTests {

	@Test
	void refusesASendWindowTooShortToLimitAnything() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageProperties(4000, 30, Duration.ofMillis(500)))
			.withMessageContaining("send-window");
		assertThatNoException().isThrownBy(() -> new MessageProperties(4000, 30, Duration.ofSeconds(1)));
	}
}
