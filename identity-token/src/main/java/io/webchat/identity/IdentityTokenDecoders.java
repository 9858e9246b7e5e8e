package io.webchat.identity;

import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Builds the decoder a service uses to accept only the gateway's tokens meant for it. */
public final class IdentityTokenDecoders {

	private IdentityTokenDecoders() {
	}

	/**
	 * Verifies the RS256 signature against the configured public key (so {@code alg: none} and
	 * HMAC tricks fail), then the expiry, the issuer and that this service is the audience.
	 */
	public static JwtDecoder forService(IdentityTokenProperties properties) {
		if (properties.audience() == null || properties.audience().isBlank()) {
			throw new IllegalStateException("webchat.identity-token.audience must name this service");
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withPublicKey(RsaPemKeys.readPublicKey(properties.publicKeyLocation()))
			.signatureAlgorithm(SignatureAlgorithm.RS256)
			.build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(properties.audience()));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuer()), audience));
		return decoder;
	}
}
