package io.webchat.gateway.routing;

import java.util.List;
import java.util.Locale;

import io.webchat.gateway.session.ChatUser;
import io.webchat.gateway.token.ReusedIdentityTokens;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;

/**
 * Replaces whatever identity a client sent with the one the gateway vouches for. The client's
 * {@code Authorization}, its cookies (the session must not leak to the services) and any header
 * that looks like an identity are dropped; a logged-in user's request gets the user's token for
 * the one service it goes to.
 */
final class IdentityTokenRelay {

	private static final List<String> IDENTITY_HEADER_PREFIXES = List.of("x-user", "x-auth", "x-forwarded-user",
			"x-remote-user", "remote-user", "x-xsrf-token");

	private IdentityTokenRelay() {
	}

	static GatewayFilter relayIdentityTo(String audience, ReusedIdentityTokens tokens) {
		return (exchange, chain) -> exchange.getPrincipal()
			.map((principal) -> (principal instanceof Authentication authentication
					&& authentication.getPrincipal() instanceof ChatUser user) ? tokens.tokenFor(user, audience) : "")
			.defaultIfEmpty("")
			.flatMap((token) -> {
				ServerHttpRequest relayed = exchange.getRequest().mutate().headers((headers) -> {
					headers.remove(HttpHeaders.AUTHORIZATION);
					headers.remove(HttpHeaders.COOKIE);
					headers.headerNames()
						.stream()
						.filter(IdentityTokenRelay::looksLikeIdentity)
						.toList()
						.forEach(headers::remove);
					if (!token.isEmpty()) {
						headers.setBearerAuth(token);
					}
				}).build();
				return chain.filter(exchange.mutate().request(relayed).build());
			});
	}

	private static boolean looksLikeIdentity(String headerName) {
		String name = headerName.toLowerCase(Locale.ROOT);
		return IDENTITY_HEADER_PREFIXES.stream().anyMatch(name::startsWith);
	}
}
