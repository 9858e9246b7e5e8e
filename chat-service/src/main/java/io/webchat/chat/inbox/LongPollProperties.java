package io.webchat.chat.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a receive may wait. The chain of timeouts that keeps a waiting message from being
 * lost is: poll timeout &lt; the blocking connection's command timeout (poll timeout +
 * {@code blockingCommandMargin}, checked here by construction) &lt; the gateway's read timeout
 * (checked by the gateway) &lt; any proxy's idle timeout. If Lettuce gave up on a BLPOP before
 * Redis did, Redis would still pop the next message into a connection nobody reads.
 *
 * @param defaultTimeout how long a poll waits when the client does not say
 * @param maxTimeout the cap on the client's {@code timeout} parameter
 * @param blockingCommandMargin how much longer than the poll the Redis client waits for BLPOP
 * @param maxBatch the most messages one poll answer carries; the rest wait for the next poll
 */
@ConfigurationProperties("webchat.chat.long-poll")
public record LongPollProperties(@DefaultValue("25s") Duration defaultTimeout, @DefaultValue("25s") Duration maxTimeout,
		@DefaultValue("5s") Duration blockingCommandMargin, @DefaultValue("100") int maxBatch) {

	public LongPollProperties {
		if (maxTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("webchat.chat.long-poll.max-timeout must be at least 1s");
		}
		if (defaultTimeout.isNegative() || defaultTimeout.compareTo(maxTimeout) > 0) {
			throw new IllegalArgumentException(
					"webchat.chat.long-poll.default-timeout must be between 0 and max-timeout (" + maxTimeout + ")");
		}
		if (blockingCommandMargin.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"webchat.chat.long-poll.blocking-command-margin must be at least 1s, or a slow BLPOP reply "
							+ "would be abandoned while Redis still pops a message for it");
		}
		if (maxBatch < 1) {
			throw new IllegalArgumentException("webchat.chat.long-poll.max-batch must be at least 1");
		}
	}

	/** The command timeout of the connections that run BLPOP. */
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
