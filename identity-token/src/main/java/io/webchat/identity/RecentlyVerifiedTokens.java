package io.webchat.identity;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks a token's signature once, not on every request. The gateway reuses a user's token for
 * minutes, so a service sees the same token string again and again; parsing it and verifying
 * its RS256 signature was 12 % of chat-service's CPU in the delivery benchmark. A token string
 * seen before is the same bytes under the same signature, so only what can change with time —
 * expiry, not-before — and the claims checks are run again, on every request. A kept token
 * costs about 2 KB of heap (string, claims, headers) and is dropped once it has expired.
 */
final class RecentlyVerifiedTokens implements JwtDecoder {

	/** The clock skew Spring's expiry check allows: a token is kept that long past its expiry. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	/**
	 * @param verifier verifies the signature and validates the claims
	 * @param validator the same claim checks, run again when a verified token comes back
	 * @param maximumTokens how many verified tokens to keep (the least used go first)
	 * @param keepAtMost the longest a token is kept; each is dropped once it has expired
	 */
	RecentlyVerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maximumTokens,
			Duration keepAtMost) {
		this.verifier = verifier;
		this.validator = validator;
		this.verified = Caffeine.newBuilder()
			.maximumSize(maximumTokens)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> keepFor(jwt, keepAtMost)))
			.build();
	}

	private static Duration keepFor(Jwt jwt, Duration keepAtMost) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return keepAtMost;
		}
		Duration untilExpired = Duration.between(Instant.now(), expiresAt.plus(CLOCK_SKEW));
		return untilExpired.isNegative() ? Duration.ZERO
				: (untilExpired.compareTo(keepAtMost) > 0) ? keepAtMost : untilExpired;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.verified.getIfPresent(token);
		if (known == null) {
			Jwt jwt = this.verifier.decode(token);
			this.verified.put(token, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.validator.validate(known);
		if (result.hasErrors()) {
			this.verified.invalidate(token);
			throw new JwtValidationException("The token is no longer valid", result.getErrors());
		}
		return known;
	}
}
