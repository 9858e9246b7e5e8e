package io.webchat.identity;

import io.webchat.problem.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;

/**
 * The part of a service's security that every service shares: no session, no CSRF (nothing
 * rides on cookies), and a request is someone only if it carries a valid identity token.
 * Refusals answer with RFC 9457 problem details, keeping the {@code WWW-Authenticate} header.
 * For Spring MVC; WebFlux services use {@link ReactiveServiceSecurity}, which answers the same.
 */
public final class ServiceSecurity {

	/** The detail of a 401: no token, or one that is forged, expired or meant for someone else. */
	static final String UNAUTHENTICATED = "A valid identity token is required.";

	/** The detail of a 403: a valid token whose scope does not allow the request. */
	static final String FORBIDDEN = "This token may not do that.";

	private ServiceSecurity() {
	}

	public static HttpSecurity statelessResourceServer(HttpSecurity http) {
		BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
		BearerTokenAccessDeniedHandler bearerDeniedHandler = new BearerTokenAccessDeniedHandler();
		return http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			}).authenticationEntryPoint((request, response, ex) -> {
				bearerEntryPoint.commence(request, response, ex);
				ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED);
			}).accessDeniedHandler((request, response, ex) -> {
				bearerDeniedHandler.handle(request, response, ex);
				ProblemResponses.write(response, HttpStatus.FORBIDDEN, FORBIDDEN);
			}))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				bearerEntryPoint.commence(request, response, ex);
				ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED);
			}));
	}
}
