package io.webchat.chat.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How clients receive events. The chain of timeouts that keeps every waiting poll answered is:
 * poll timeout &lt; the longest a poll's request stays open (poll timeout + {@code answerMargin},
 * by construction) &lt; the gateway's read timeout (checked by the gateway) &lt; any proxy's idle
 * timeout, so the instance always answers a poll itself, with what arrived or an empty batch,
 * before anyone in front of it gives up.
 *
 * @param defaultTimeout how long a poll waits when the client does not say
 * @param maxTimeout the cap on the client's {@code timeout} parameter
 * @param answerMargin how much longer than the poll's timeout its request may stay open, time
 *        for the final look into the inbox after the timeout
 * @param maxBatch the most events one poll answer carries; the rest wait for the next poll
 * @param clientTimeToLive a client that has not polled for this long is forgotten with its inbox
 * @param inboxCap the most events waiting for one client; past it the client is told to resync
 * @param presenceWindow a user is online while one of their clients polled within this window
 * @param maxClientsPerUser the most open clients (tabs, devices) per user; registering one more
 *        forgets the one that polled least recently
 * @param maxWaitingPolls the most polls one instance keeps waiting; past it a poll is answered
 *        503 with Retry-After (each waiting poll holds an open request, a few tens of KiB)
 */
@ConfigurationProperties("webchat.chat.delivery")
public record DeliveryProperties(@DefaultValue("25s") Duration defaultTimeout, @DefaultValue("25s") Duration maxTimeout,
		@DefaultValue("5s") Duration answerMargin, @DefaultValue("100") int maxBatch,
		@DefaultValue("10m") Duration clientTimeToLive, @DefaultValue("1000") int inboxCap,
		@DefaultValue("40s") Duration presenceWindow, @DefaultValue("20") int maxClientsPerUser,
		@DefaultValue("20000") int maxWaitingPolls) {

	public DeliveryProperties {
		if (maxTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("webchat.chat.delivery.max-timeout must be at least 1s");
		}
		if (defaultTimeout.isNegative() || defaultTimeout.compareTo(maxTimeout) > 0) {
			throw new IllegalArgumentException(
					"webchat.chat.delivery.default-timeout must be between 0 and max-timeout (" + maxTimeout + ")");
		}
		if (answerMargin.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"webchat.chat.delivery.answer-margin must be at least 1s, or a poll's request could time out "
							+ "before the poll answers it");
		}
		if (maxBatch < 1 || inboxCap < maxBatch) {
			throw new IllegalArgumentException("webchat.chat.delivery.max-batch must be at least 1 and at most inbox-cap");
		}
		if (presenceWindow.compareTo(maxTimeout.plusSeconds(5)) < 0) {
			throw new IllegalArgumentException("webchat.chat.delivery.presence-window must exceed max-timeout by 5s or "
					+ "more, or a user waiting in a poll would flicker offline");
		}
		if (maxClientsPerUser < 1) {
			throw new IllegalArgumentException("webchat.chat.delivery.max-clients-per-user must be at least 1");
		}
		if (maxWaitingPolls < 1) {
			throw new IllegalArgumentException("webchat.chat.delivery.max-waiting-polls must be at least 1");
		}
		if (clientTimeToLive.compareTo(presenceWindow) < 0) {
			throw new IllegalArgumentException(
					"webchat.chat.delivery.client-time-to-live must be at least the presence window");
		}
	}

	/**
	 * How long a poll's request may stay open: its wait, then one last look into the inbox,
	 * which the Redis command timeout bounds.
	 */
	public Duration requestTimeout() {
		return this.maxTimeout.plus(this.answerMargin);
	}

	/** The client's wish, capped; {@code null} means the default. */
	public Duration effectiveTimeout(Integer requestedSeconds) {
		if (requestedSeconds == null) {
			return this.defaultTimeout;
		}
		Duration requested = Duration.ofSeconds(requestedSeconds);
		return (requested.compareTo(this.maxTimeout) > 0) ? this.maxTimeout : requested;
	}
}
