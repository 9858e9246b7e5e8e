package io.webchat.gateway.registration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many sign-ups ({@code POST /api/accounts/users}) the gateways let through, counted in
 * Redis across instances in fixed windows; one more is answered 429 with {@code Retry-After}.
 * Every attempt counts, refused ones too: a taken username answers 409, so uncounted failures
 * would be a free way to probe for names.
 *
 * @param maxPerAddress sign-ups from one client address within {@code addressWindow}. A class
 *        signing up together behind one school router is one address: 60 lets a class of 60 in
 *        at once, while a script at one address makes at most 60 accounts in ten minutes
 * @param addressWindow how long an address's sign-ups are counted, from its first
 * @param maxTotal sign-ups from everyone within {@code totalWindow}: what a script spread over
 *        many addresses can make. Each costs account-service a BCrypt hash (about 0.1 s of a
 *        core), so 300 a minute (5 a second) keep half a core for the logins
 * @param totalWindow how long sign-ups are counted for {@code maxTotal}
 */
@ConfigurationProperties("webchat.gateway.registration-limit")
public record RegistrationLimitProperties(@DefaultValue("60") int maxPerAddress,
		@DefaultValue("10m") Duration addressWindow, @DefaultValue("300") int maxTotal,
		@DefaultValue("1m") Duration totalWindow) {

	public RegistrationLimitProperties {
		if (maxPerAddress < 1 || maxTotal < 1 || addressWindow.toMillis() < 1 || totalWindow.toMillis() < 1) {
			throw new IllegalArgumentException(
					"webchat.gateway.registration-limit: the limits must be at least 1 and the windows positive");
		}
	}
}
