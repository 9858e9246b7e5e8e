package io.webchat.chat.message;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on what one user may send.
 *
 * @param maxLength the most characters (Unicode code points) in a message
 * @param maxSendsPerWindow how many messages one user may send per window, across all their
 *        clients and all instances; past it a send gets 429 with Retry-After
 * @param sendWindow the length of that window
 */
@ConfigurationProperties("webchat.chat.message")
public record MessageProperties(@DefaultValue("4000") int maxLength, @DefaultValue("30") int maxSendsPerWindow,
		@DefaultValue("10s") Duration sendWindow) {

	public MessageProperties {
		if (sendWindow.compareTo(Duration.ofSeconds(1)) < 0) {
			// under a millisecond the counter would expire at once (no limit at all), and Retry-After
			// counts whole seconds
			throw new IllegalArgumentException("webchat.chat.message.send-window must be at least 1s");
		}
	}
}
