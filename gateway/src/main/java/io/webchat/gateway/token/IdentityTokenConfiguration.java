package io.webchat.gateway.token;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Ticker;
import io.webchat.identity.IdentityTokenIssuer;
import io.webchat.identity.IdentityTokenProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityTokenConfiguration {

	/** Enough for this many users active within half a token's life; a miss only costs a signature. */
	private static final long MAX_USERS_WITH_A_REUSED_TOKEN = 100_000;

	@Bean
	IdentityTokenIssuer identityTokenIssuer(IdentityTokenProperties properties) {
		return new IdentityTokenIssuer(properties, Clock.systemUTC());
	}

	@Bean
	ReusedIdentityTokens reusedIdentityTokens(IdentityTokenIssuer issuer, IdentityTokenProperties properties) {
		return new ReusedIdentityTokens(issuer, properties.timeToLive(), MAX_USERS_WITH_A_REUSED_TOKEN,
				Ticker.systemTicker());
	}
}
