package io.webchat.gateway.system;

import io.webchat.gateway.config.GatewayProperties;
import io.webchat.problem.ReactiveProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses oversized API bodies at the door, before a login is looked up or a byte is forwarded:
 * no API call needs more than a message of 4,000 characters. A body without a declared length
 * could not be measured before forwarding, so one is required.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter implements WebFilter {

	private final long limit;

	RequestBodyLimitFilter(GatewayProperties properties) {
		this.limit = properties.maxRequestBody().toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!request.getPath().value().startsWith("/api/")) {
			return chain.filter(exchange);
		}
		long declared = request.getHeaders().getContentLength();
		if (declared > this.limit) {
			return ReactiveProblemResponses.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than " + this.limit + " bytes.");
		}
		if (declared < 0 && request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return ReactiveProblemResponses.write(exchange.getResponse(), HttpStatus.LENGTH_REQUIRED,
					"Send the request body with a Content-Length.");
		}
		return chain.filter(exchange);
	}
}
