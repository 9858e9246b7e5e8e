package io.webchat.gateway.login;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins: the password is not even checked until {@link #retryAfter()}. */
public class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed logins; try again in " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whole seconds for a {@code Retry-After} header, never 0. */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}
}
