package io.webchat.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.webchat.gateway.login.ChatUser;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.function.ServerRequest;

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

	static Function<ServerRequest, ServerRequest> relayIdentityTo(String audience, ReusedIdentityTokens tokens) {
		return (request) -> ServerRequest.from(request).headers((headers) -> {
			headers.remove(HttpHeaders.AUTHORIZATION);
			headers.remove(HttpHeaders.COOKIE);
			headers.headerNames()
				.stream()
				.filter(IdentityTokenRelay::looksLikeIdentity)
				.toList()
				.forEach(headers::remove);
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof ChatUser user) {
				headers.setBearerAuth(tokens.tokenFor(user, audience));
			}
		}).build();
	}

	private static boolean looksLikeIdentity(String headerName) {
		String name = headerName.toLowerCase(Locale.ROOT);
		return IDENTITY_HEADER_PREFIXES.stream().anyMatch(name::startsWith);
	}
}
