package io.webchat.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Builds the decoder a service uses to accept only the gateway's tokens meant for it. */
public final class IdentityTokenDecoders {

	/**
	 * About two live tokens per active user (the gateway mints the next one while the last still
	 * has a minute to live) at about 2 KB each: 40 MB at most.
	 */
	private static final int VERIFIED_TOKENS_KEPT = 20_000;

	private IdentityTokenDecoders() {
	}

	/**
	 * Verifies the RS256 signature with the key the token's {@code kid} names, among the current
	 * and the previous public keys (so {@code alg: none}, HMAC tricks and unknown keys fail),
	 * then the expiry, the issuer and that this service is the audience. A token seen before is
	 * not verified again, only its claims are checked again ({@link RecentlyVerifiedTokens}).
	 */
	public static JwtDecoder forService(IdentityTokenProperties properties) {
		if (properties.audience() == null || properties.audience().isBlank()) {
			throw new IllegalStateException("webchat.identity-token.audience must name this service");
		}
		List<JWK> keys = new ArrayList<>();
		keys.add(jwk(properties.publicKeyLocation()));
		properties.previousPublicKeyLocations().forEach((location) -> keys.add(jwk(location)));
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSource(new ImmutableJWKSet<SecurityContext>(new JWKSet(keys)))
			.jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
			.build();
		// The issuer is a name, not a URL. Spring's default reading tries a URL first and, for a
		// name, throws and catches an exception on every request.
		decoder.setClaimSetConverter(MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> (issuer != null) ? issuer.toString() : null)));
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(properties.audience()));
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuer()), audience);
		decoder.setJwtValidator(validator);
		return new RecentlyVerifiedTokens(decoder, validator, VERIFIED_TOKENS_KEPT,
				IdentityTokenProperties.MAX_TIME_TO_LIVE);
	}

	/**
	 * {@link #forService} for WebFlux: the same checks and the same cache of verified tokens.
	 * Verifying is CPU work only (no key is fetched) and usually a cache hit, so it runs on the
	 * calling thread rather than being handed to another.
	 */
	public static ReactiveJwtDecoder forReactiveService(IdentityTokenProperties properties) {
		JwtDecoder decoder = forService(properties);
		return (token) -> Mono.fromCallable(() -> decoder.decode(token));
	}

	private static JWK jwk(Resource location) {
		var key = RsaPemKeys.readPublicKey(location);
		return new RSAKey.Builder(key).keyID(RsaPemKeys.keyId(key)).algorithm(JWSAlgorithm.RS256).build();
	}
}
