package io.webchat.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.webchat.gateway.session.ChatUser;
import io.webchat.identity.IdentityTokenDecoders;
import io.webchat.identity.IdentityTokenIssuer;
import io.webchat.identity.IdentityTokenProperties;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class ReusedIdentityTokensTest {

	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

	private static final ChatUser ALICE = new ChatUser(1, "alice", "Alice");

	private static final ChatUser BOB = new ChatUser(2, "bob", "Bob");

	private final SettableClock clock = new SettableClock(Instant.now());

	private final ReusedIdentityTokens tokens = new ReusedIdentityTokens(
			new IdentityTokenIssuer(properties(null), this.clock), TIME_TO_LIVE, 10, this.clock::nanos);

	private final JwtDecoder chatService = IdentityTokenDecoders.forService(properties("chat-service"));

	@Test
	void aUserGetsTheSameTokenForOneServiceUntilAMinuteOfItsLifeIsLeft() {
		String first = this.tokens.tokenFor(ALICE, "chat-service");
		this.clock.advance(Duration.ofMinutes(4).minusSeconds(1));

		assertThat(this.tokens.tokenFor(ALICE, "chat-service")).isEqualTo(first);
	}

	@Test
	void aTokenWithAMinuteLeftIsReplacedByOneThatLivesLonger() {
		Jwt first = this.chatService.decode(this.tokens.tokenFor(ALICE, "chat-service"));
		this.clock.advance(Duration.ofMinutes(4));

		Jwt second = this.chatService.decode(this.tokens.tokenFor(ALICE, "chat-service"));

		assertThat(second.getId()).isNotEqualTo(first.getId());
		assertThat(second.getExpiresAt()).isEqualTo(first.getExpiresAt().plus(Duration.ofMinutes(4)));
	}

	@Test
	void aShortLivedTokenIsReusedForHalfItsLife() {
		assertThat(ReusedIdentityTokens.reusePeriod(Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(45));
		assertThat(ReusedIdentityTokens.reusePeriod(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(1));
		assertThat(ReusedIdentityTokens.reusePeriod(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(9));
	}

	@Test
	void everyUserAndEveryServiceHasATokenOfItsOwn() {
		List<String> minted = List.of(this.tokens.tokenFor(ALICE, "chat-service"),
				this.tokens.tokenFor(ALICE, "account-service"), this.tokens.tokenFor(BOB, "chat-service"));

		assertThat(minted).doesNotHaveDuplicates();
		assertThat(this.chatService.decode(minted.get(2)).getSubject()).isEqualTo("2");
	}

	@Test
	void theGatewaysOwnTokenForAScopeIsReusedAndIsNoUsersToken() {
		String check = this.tokens.gatewayTokenFor("account-service", "credentials:check");

		assertThat(this.tokens.gatewayTokenFor("account-service", "credentials:check")).isEqualTo(check);
		assertThat(this.tokens.tokenFor(ALICE, "account-service")).isNotEqualTo(check);
	}

	private static IdentityTokenProperties properties(String audience) {
		return new IdentityTokenProperties(TestIdentityKeys.ISSUER, audience,
				new FileSystemResource(TestIdentityKeys.TRUSTED.publicKey()), List.of(),
				new FileSystemResource(TestIdentityKeys.TRUSTED.privateKey()), TIME_TO_LIVE);
	}

	private static final class SettableClock extends Clock {

		private Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		long nanos() {
			return this.now.getEpochSecond() * 1_000_000_000L + this.now.getNano();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}
