package io.webchat.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.util.function.Consumer;

import io.webchat.gateway.config.GatewayProperties;
import io.webchat.gateway.session.UserSessions;
import io.webchat.gateway.token.ReusedIdentityTokens;
import io.webchat.identity.IdentityTokenClaims;

import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The two public APIs. account-service's {@code /internal/**} is deliberately not routed.
 * Which requests need a login is decided by the security filter chain before routing.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

	/** Every chat-service instance serves every user: a call may try two more when one cannot be reached. */
	private static final int CHAT_RETRIES = 2;

	@Bean
	RouteLocator apiRoutes(RouteLocatorBuilder routes, GatewayProperties properties, ReusedIdentityTokens tokens,
			UserSessions sessions) {
		return routes.routes()
			.route("account-service", (route) -> route.path("/api/accounts/**")
				.filters((filters) -> filters.filter(BackendFailures.serviceUnavailableWhenUnreachable("account-service"))
					.filter(IdentityTokenRelay.relayIdentityTo(IdentityTokenClaims.ACCOUNT_SERVICE, tokens))
					.filter(SessionsEndOnPasswordChange.endSessionsAfterPasswordChange(sessions)))
				.uri(properties.accountServiceUrl()))
			// Any instance serves any user, and each try is load-balanced anew, to the next one.
			// Calls that may safely run twice (a poll answers the batch not yet acknowledged
			// again) are tried again after any failure to reach or hear from an instance; a send
			// or a registration only when its instance refused the connection, so that it never
			// ran there. An instance's own 503, and a response timeout, are final. Two routes, so
			// that each call passes one retry filter: a long poll holds what its filters hold for
			// as long as it waits.
			.route("chat-service-posts", (route) -> route.path("/api/chat/**")
				.and()
				.method(HttpMethod.POST)
				.filters((filters) -> chatFilters(filters, tokens, (retry) -> retry.setMethods(HttpMethod.POST)
					.setExceptions(ConnectException.class)))
				.uri("lb://" + ChatServiceLoadBalancing.SERVICE_ID))
			.route("chat-service", (route) -> route.path("/api/chat/**")
				.filters((filters) -> chatFilters(filters, tokens,
						(retry) -> retry.setMethods(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE)
							.setExceptions(IOException.class)))
				.uri("lb://" + ChatServiceLoadBalancing.SERVICE_ID))
			.build();
	}

	/** Both chat routes: a 503 when no try reached an instance, then the retries, then the identity token. */
	private static GatewayFilterSpec chatFilters(GatewayFilterSpec filters, ReusedIdentityTokens tokens,
			Consumer<RetryConfig> retries) {
		return filters.filter(BackendFailures.serviceUnavailableWhenUnreachable("chat-service"))
			.retry((retry) -> retries.accept(retry.setRetries(CHAT_RETRIES).setSeries()))
			.filter(IdentityTokenRelay.relayIdentityTo(IdentityTokenClaims.CHAT_SERVICE, tokens));
	}
}
