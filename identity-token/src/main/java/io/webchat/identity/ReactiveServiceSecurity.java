package io.webchat.identity;

import java.util.function.Function;

import io.webchat.problem.ReactiveProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link ServiceSecurity} for WebFlux services: no session, no CSRF, and a request is someone
 * only if it carries a valid identity token ({@link IdentityTokenDecoders#forReactiveService}).
 * Refusals answer the same RFC 9457 problem details, keeping the {@code WWW-Authenticate} header.
 */
public final class ReactiveServiceSecurity {

	private ReactiveServiceSecurity() {
	}

	public static ServerHttpSecurity statelessResourceServer(ServerHttpSecurity http) {
		BearerTokenServerAuthenticationEntryPoint bearerEntryPoint = new BearerTokenServerAuthenticationEntryPoint();
		BearerTokenServerAccessDeniedHandler bearerDeniedHandler = new BearerTokenServerAccessDeniedHandler();
		ServerAuthenticationEntryPoint unauthenticated = (exchange, ex) -> problemAfter(exchange,
				(headersOnly) -> bearerEntryPoint.commence(headersOnly, ex), HttpStatus.UNAUTHORIZED,
				ServiceSecurity.UNAUTHENTICATED);
		ServerAccessDeniedHandler forbidden = (exchange, ex) -> problemAfter(exchange,
				(headersOnly) -> bearerDeniedHandler.handle(headersOnly, ex), HttpStatus.FORBIDDEN,
				ServiceSecurity.FORBIDDEN);
		// Nothing is loaded or saved per request: the token is the whole security context.
		return http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(forbidden))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(forbidden));
	}

	/**
	 * Lets Spring's bearer-token answer set the status and its {@code WWW-Authenticate} header,
	 * which it then completes as an empty response; that completion is held back here so the
	 * problem can be written as the body.
	 */
	private static Mono<Void> problemAfter(ServerWebExchange exchange,
			Function<ServerWebExchange, Mono<Void>> bearerAnswer, HttpStatus status, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		ServerWebExchange headersOnly = exchange.mutate().response(new ServerHttpResponseDecorator(response) {
			@Override
			public Mono<Void> setComplete() {
				return Mono.empty();
			}
		}).build();
		return bearerAnswer.apply(headersOnly).then(ReactiveProblemResponses.write(response, status, detail));
	}
}
