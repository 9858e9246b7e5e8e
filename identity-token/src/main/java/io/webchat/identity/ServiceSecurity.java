package io.webchat.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;

/**
 * The part of a service's security that every service shares: no session, no CSRF (nothing
 * rides on cookies), and a request is someone only if it carries a valid identity token.
 * Refusals answer with RFC 9457 problem details, keeping the {@code WWW-Authenticate} header.
 */
public final class ServiceSecurity {

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
				writeProblem(response, HttpStatus.UNAUTHORIZED, "A valid identity token is required.");
			}).accessDeniedHandler((request, response, ex) -> {
				bearerDeniedHandler.handle(request, response, ex);
				writeProblem(response, HttpStatus.FORBIDDEN, "This token may not do that.");
			}))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				bearerEntryPoint.commence(request, response, ex);
				writeProblem(response, HttpStatus.UNAUTHORIZED, "A valid identity token is required.");
			}));
	}

	private static void writeProblem(HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// bytes, not a Writer: a Writer would append "charset=ISO-8859-1" to the media type
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}
}
