package io.webchat.chat.accountevents;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How chat-service delivers the events account-service appends to its stream.
 *
 * @param claimAfter an event one instance read and has not delivered for this long (the instance
 *        died, or Redis refused the delivery) is taken over and delivered by another; longer than
 *        any delivery takes, short enough that a page hears of a change within a minute
 * @param claimEvery how often each instance looks for such events
 */
@ConfigurationProperties("webchat.chat.account-events")
public record AccountEventsProperties(@DefaultValue("30s") Duration claimAfter,
		@DefaultValue("10s") Duration claimEvery) {

	public AccountEventsProperties {
		if (claimAfter.compareTo(Duration.ofSeconds(1)) < 0 || claimEvery.compareTo(Duration.ofMillis(100)) < 0) {
			throw new IllegalArgumentException(
					"webchat.chat.account-events.claim-after must be at least 1s and claim-every at least 100ms");
		}
	}
}
