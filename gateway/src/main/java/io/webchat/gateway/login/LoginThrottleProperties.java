package io.webchat.gateway.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed logins are tolerated before the gateway answers 429.
 *
 * @param maxFailuresPerUsername failures for one username within the window (guessing one
 *        user's password from many addresses)
 * @param maxFailuresPerAddress failures from one client address within the window (trying many
 *        usernames from one place)
 * @param window how long failures are counted
 */
@ConfigurationProperties("webchat.gateway.login-throttle")
public record LoginThrottleProperties(@DefaultValue("5") int maxFailuresPerUsername,
		@DefaultValue("20") int maxFailuresPerAddress, @DefaultValue("15m") Duration window) {
}
