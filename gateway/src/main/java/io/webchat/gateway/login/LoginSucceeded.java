package io.webchat.gateway.login;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * After a login by the form: a new XSRF token (one a visitor's page held before the login is
 * worth nothing after it), then the chat page.
 */
@Component
public class LoginSucceeded implements ServerAuthenticationSuccessHandler {

	private final ServerCsrfTokenRepository csrfTokens;

	private final ServerAuthenticationSuccessHandler toChatPage = new RedirectServerAuthenticationSuccessHandler("/");

	LoginSucceeded(ServerCsrfTokenRepository csrfTokens) {
		this.csrfTokens = csrfTokens;
	}

	@Override
	public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
		return renewCsrfToken(webFilterExchange.getExchange())
			.then(this.toChatPage.onAuthenticationSuccess(webFilterExchange, authentication));
	}

	Mono<Void> renewCsrfToken(ServerWebExchange exchange) {
		return this.csrfTokens.generateToken(exchange).flatMap((token) -> this.csrfTokens.saveToken(exchange, token));
	}
}
