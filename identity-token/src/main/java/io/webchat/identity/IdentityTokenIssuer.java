package io.webchat.identity;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints the identity tokens the gateway forwards to the services. Each one names a single
 * audience, lives for minutes at most and carries its own {@code jti}, so a token captured on
 * its way to one service is useless against the other and soon useless altogether.
 */
public class IdentityTokenIssuer {

	private final JwtEncoder encoder;

	private final IdentityTokenProperties properties;

	private final Clock clock;

	private final String keyId;

	public IdentityTokenIssuer(IdentityTokenProperties properties, Clock clock) {
		RSAPrivateKey privateKey = RsaPemKeys.readPrivateKey(properties.privateKeyLocation());
		RSAPublicKey publicKey = RsaPemKeys.readPublicKey(properties.publicKeyLocation());
		this.keyId = RsaPemKeys.keyId(publicKey);
		RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(this.keyId).build();
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
		this.properties = properties;
		this.clock = clock;
	}

	/** A token that tells {@code audience} the request comes from this logged-in user. */
	public String issueForUser(long userId, String username, String audience) {
		return issue(Long.toString(userId), audience, IdentityTokenClaims.USER_SCOPE, username);
	}

	/** A token for the gateway's own calls, e.g. asking account-service to check a password. */
	public String issueForGateway(String audience, String scope) {
		return issue("gateway", audience, scope, null);
	}

	private String issue(String subject, String audience, String scope, String username) {
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.subject(subject)
			.audience(List.of(audience))
			.issuedAt(now)
			.expiresAt(now.plus(this.properties.timeToLive()))
			.id(UUID.randomUUID().toString())
			.claim("scope", scope);
		if (username != null) {
			claims.claim(IdentityTokenClaims.USERNAME, username);
		}
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keyId).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}
}
