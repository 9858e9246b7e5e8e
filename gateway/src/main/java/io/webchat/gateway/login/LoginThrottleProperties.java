package io.webchat.gateway.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed logins are slowed down (see docs/identity.md). Nothing here locks an account: the
 * wait is per username and client address, so a stranger guessing a password slows only
 * himself, and its owner still logs in from anywhere else.
 *
 * @param failuresBeforeBackoff attempts for one username from one address before each further
 *        one must wait (a right password forgets them)
 * @param firstBackoff the first wait; it doubles with each further attempt
 * @param maxBackoff the longest wait
 * @param maxFailuresPerAddress failures from one client address within the window, whatever the
 *        usernames (trying many users' passwords from one place); past it every login from
 *        there is refused until the window ends
 * @param window how long failures are remembered: the address count from its first failure, a
 *        username-and-address count from its latest
 */
@ConfigurationProperties("webchat.gateway.login-throttle")
public record LoginThrottleProperties(@DefaultValue("5") int failuresBeforeBackoff,
		@DefaultValue("5s") Duration firstBackoff, @DefaultValue("15m") Duration maxBackoff,
		@DefaultValue("20") int maxFailuresPerAddress, @DefaultValue("15m") Duration window) {

	public LoginThrottleProperties {
		if (failuresBeforeBackoff < 1 || maxFailuresPerAddress < 1) {
			throw new IllegalArgumentException("webchat.gateway.login-throttle: failures-before-backoff and "
					+ "max-failures-per-address must be at least 1");
		}
		if (firstBackoff.toMillis() < 1 || maxBackoff.compareTo(firstBackoff) < 0 || maxBackoff.compareTo(window) > 0) {
			throw new IllegalArgumentException("webchat.gateway.login-throttle: first-backoff must be positive and "
					+ "at most max-backoff, and max-backoff at most the window (or a wait would outlive its count)");
		}
	}
}
