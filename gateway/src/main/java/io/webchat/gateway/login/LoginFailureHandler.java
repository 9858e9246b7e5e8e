package io.webchat.gateway.login;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * A wrong password goes back to the form with an error, an account-service that cannot check it
 * with a different one; a throttled login is answered 429 with {@code Retry-After}, showing the
 * form with a message that says when to try again.
 */
public class LoginFailureHandler implements ServerAuthenticationFailureHandler {

	private final ServerAuthenticationFailureHandler wrongPassword = new RedirectServerAuthenticationFailureHandler(
			"/login?error");

	private final ServerAuthenticationFailureHandler unavailable = new RedirectServerAuthenticationFailureHandler(
			"/login?unavailable");

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException exception) {
		if (exception instanceof LoginThrottledException throttled) {
			ServerWebExchange exchange = webFilterExchange.getExchange();
			exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
			// rendered as a GET of the throttled page: back to /login, this POST would be taken
			// for another login attempt
			ServerWebExchange throttledPage = exchange.mutate()
				.request((request) -> request.method(HttpMethod.GET).uri(URI.create(LoginPageController.THROTTLED_PATH)))
				.build();
			throttledPage.getAttributes().put(LoginPageController.RETRY_AFTER_ATTRIBUTE, throttled.retryAfterSeconds());
			return webFilterExchange.getChain().filter(throttledPage);
		}
		if (exception instanceof AuthenticationServiceException) {
			return this.unavailable.onAuthenticationFailure(webFilterExchange, exception);
		}
		return this.wrongPassword.onAuthenticationFailure(webFilterExchange, exception);
	}
}
