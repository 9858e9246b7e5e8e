package io.webchat.chat.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How clients receive events. The chain of timeouts that keeps a waiting message from being
 * lost is: poll timeout &lt; the blocking connection's command timeout (poll timeout +
 * {@code blockingCommandMargin}, by construction) &lt; the gateway's read timeout (checked by the
 * gateway) &lt; any proxy's idle timeout. If Lettuce gave up on a blocking move before Redis did,
 * Redis could still move a message for a poll nobody answers (it would then wait in the
 * client's pending batch, not be lost, but arrive a poll late).
 *
 * @param defaultTimeout how long a poll waits when the client does not say
 * @param maxTimeout the cap on the client's {@code timeout} parameter
 * @param blockingCommandMargin how much longer than the poll the Redis client waits for it
 * @param maxBatch the most events one poll answer carries; the rest wait for the next poll
 * @param clientTimeToLive a client that has not polled for this long is forgotten with its inbox
 * @param inboxCap the most events waiting for one client; past it the client is told to resync
 * @param presenceWindow a user is online while one of their clients polled within this window
 * @param maxClientsPerUser the most open clients (tabs, devices) per user; registering one more
 *        forgets the one that polled least recently
 */
@ConfigurationProperties("webchat.chat.delivery")
public record DeliveryProperties(@DefaultValue("25s") Duration defaultTimeout, @DefaultValue("25s") Duration maxTimeout,
		@DefaultValue("5s") Duration blockingCommandMargin, @DefaultValue("100") int maxBatch,
		@DefaultValue("10m") Duration clientTimeToLive, @DefaultValue("1000") int inboxCap,
		@DefaultValue("40s") Duration presenceWindow, @DefaultValue("20") int maxClientsPerUser) {

	public DeliveryProperties {
		if (maxTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("webchat.chat.delivery.max-timeout must be at least 1s");
		}
		if (defaultTimeout.isNegative() || defaultTimeout.compareTo(maxTimeout) > 0) {
			throw new IllegalArgumentException(
					"webchat.chat.delivery.default-timeout must be between 0 and max-timeout (" + maxTimeout + ")");
		}
		if (blockingCommandMargin.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"webchat.chat.delivery.blocking-command-margin must be at least 1s, or a slow reply to a blocking "
							+ "move would be abandoned while Redis still moves a message for it");
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
		if (clientTimeToLive.compareTo(presenceWindow) < 0) {
			throw new IllegalArgumentException(
					"webchat.chat.delivery.client-time-to-live must be at least the presence window");
		}
	}

	/** The command timeout of the connections that block for polls. */
	public Duration blockingCommandTimeout() {
		return this.maxTimeout.plus(this.blockingCommandMargin);
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
