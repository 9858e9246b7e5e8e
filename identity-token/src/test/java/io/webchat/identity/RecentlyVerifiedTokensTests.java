package io.webchat.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecentlyVerifiedTokensTests {

	/** Now, as the cache keeps a token until it really expires. */
	private static final Instant ISSUED = Instant.now();

	private final AtomicInteger verifications = new AtomicInteger();

	private final JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);

	/** Verifies any token but "forged", and counts how often it is asked. */
	private final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (token.equals("forged")) {
			throw new BadJwtException("bad signature");
		}
		Instant issued = token.equals("long-expired") ? ISSUED.minus(Duration.ofMinutes(10)) : ISSUED;
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("7")
			.issuedAt(issued)
			.expiresAt(issued.plus(Duration.ofMinutes(5)))
			.build();
	};

	private final RecentlyVerifiedTokens tokens = new RecentlyVerifiedTokens(this.verifier, this.expiry, 100,
			Duration.ofMinutes(10));

	@Test
	void verifiesATokensSignatureOnlyTheFirstTimeItIsSeen() {
		at(ISSUED.plusSeconds(1));

		Jwt first = this.tokens.decode("a");
		Jwt again = this.tokens.decode("a");
		this.tokens.decode("b");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void refusesAKnownTokenOnceItHasExpiredAndForgetsIt() {
		at(ISSUED.plusSeconds(1));
		this.tokens.decode("a");

		at(ISSUED.plus(Duration.ofMinutes(6)));

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.tokens.decode("a"))
			.withMessageContaining("no longer valid");
		this.tokens.decode("a");
		assertThat(this.verifications).as("asked the verifier again").hasValue(2);
	}

	@Test
	void keepsNoTokenPastItsExpiry() {
		at(ISSUED.minus(Duration.ofMinutes(9)));

		this.tokens.decode("long-expired");
		this.tokens.decode("long-expired");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void neverKeepsATokenThatFailedVerification() {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.tokens.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.tokens.decode("forged"));

		assertThat(this.verifications).hasValue(2);
	}

	private void at(Instant now) {
		this.expiry.setClock(Clock.fixed(now, ZoneOffset.UTC));
	}
}
