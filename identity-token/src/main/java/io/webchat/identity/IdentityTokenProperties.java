package io.webchat.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Settings of the identity token that the gateway mints for every request it forwards.
 *
 * @param issuer the {@code iss} the gateway writes and the services insist on
 * @param audience the {@code aud} this service accepts (services only), e.g. {@code chat-service}
 * @param publicKeyLocation PEM (X.509 SubjectPublicKeyInfo) RSA key of the gateway's current
 *        signing key: the services verify with it, the gateway names it in the {@code kid}
 * @param previousPublicKeyLocations keys the services still accept while a rotation is under
 *        way (services only); see docs/identity.md
 * @param privateKeyLocation PEM (PKCS#8) RSA key that signs tokens (gateway only)
 * @param timeToLive how long a minted token stays valid; the gateway reuses a user's token until
 *        a minute of it is left (signing is the costliest step of forwarding a request), and it is kept short
 *        so that a leaked token soon becomes worthless
 */
@ConfigurationProperties("webchat.identity-token")
public record IdentityTokenProperties(@DefaultValue("webchat-gateway") String issuer, String audience,
		Resource publicKeyLocation, @DefaultValue List<Resource> previousPublicKeyLocations,
		Resource privateKeyLocation, @DefaultValue("5m") Duration timeToLive) {

	/** Upper bound of {@link #timeToLive}: a token that outlives ten minutes is no longer short-lived. */
	public static final Duration MAX_TIME_TO_LIVE = Duration.ofMinutes(10);

	public IdentityTokenProperties {
		if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) {
			throw new IllegalArgumentException(
					"webchat.identity-token.time-to-live must be between 1s and 10m, was " + timeToLive);
		}
		previousPublicKeyLocations = (previousPublicKeyLocations != null) ? List.copyOf(previousPublicKeyLocations)
				: List.of();
	}
}
