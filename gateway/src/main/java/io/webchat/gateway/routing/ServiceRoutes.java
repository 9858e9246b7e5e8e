package io.webchat.gateway.routing;

import java.time.Duration;

import io.webchat.gateway.login.UserSessions;
import io.webchat.gateway.system.GatewayProperties;
import io.webchat.identity.IdentityTokenClaims;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.RemoveContentLengthRequestHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

/**
 * The two public APIs. account-service's {@code /internal/**} is deliberately not routed.
 * Which requests need a login is decided by the security filter chain before routing.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

	/** Every chat-service instance serves every user: a call may try two more when one cannot be reached. */
	private static final int CHAT_RETRIES = 2;

	@Bean
	RouterFunction<ServerResponse> accountServiceRoute(GatewayProperties properties, ReusedIdentityTokens tokens,
			UserSessions sessions) {
		return route("account-service").route(path("/api/accounts/**"), http())
			.filter(BackendFailures.retryElseServiceUnavailable("account-service", 0))
			.before(uri(properties.accountServiceUrl()))
			.before(IdentityTokenRelay.relayIdentityTo(IdentityTokenClaims.ACCOUNT_SERVICE, tokens))
			.after(SessionsEndOnPasswordChange.endSessionsAfterPasswordChange(sessions))
			.build();
	}

	/** Replaces the gateway's own filter of that type, which drops every forwarded body's length. */
	@Bean
	RemoveContentLengthRequestHeadersFilter declaredContentLength() {
		return new DeclaredContentLength();
	}

	/**
	 * The long poll, ahead of the route below: forwarded without holding a thread while it waits
	 * (the other chat calls answer at once and stay on the blocking proxy).
	 */
	@Bean
	@Order(0)
	RouterFunction<ServerResponse> chatServiceLongPollRoute(ReusedIdentityTokens tokens, LoadBalancerClient loadBalancer,
			ObjectProvider<RequestHttpHeadersFilter> requestHeaderFilters, CloseableHttpAsyncClient longPollClient,
			@Value("${spring.http.clients.read-timeout}") Duration readTimeout) {
		LongPollForwarding forwarding = new LongPollForwarding(ChatServiceLoadBalancing.SERVICE_ID, CHAT_RETRIES,
				loadBalancer, requestHeaderFilters, longPollClient, readTimeout);
		return route("chat-service-long-poll").GET("/api/chat/clients/{clientId}/events", forwarding)
			.before(IdentityTokenRelay.relayIdentityTo(IdentityTokenClaims.CHAT_SERVICE, tokens))
			.build();
	}

	/** Any chat-service instance serves any user, so each request may go to a different one. */
	@Bean
	RouterFunction<ServerResponse> chatServiceRoute(ReusedIdentityTokens tokens) {
		return route("chat-service").route(path("/api/chat/**"), http())
			.filter(BackendFailures.retryElseServiceUnavailable("chat-service", CHAT_RETRIES))
			.filter(lb(ChatServiceLoadBalancing.SERVICE_ID))
			.before(IdentityTokenRelay.relayIdentityTo(IdentityTokenClaims.CHAT_SERVICE, tokens))
			.build();
	}
}
