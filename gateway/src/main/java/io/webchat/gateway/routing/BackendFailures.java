package io.webchat.gateway.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;

/** What the gateway answers when a service cannot be reached. */
final class BackendFailures {

	private static final Logger logger = LoggerFactory.getLogger(BackendFailures.class);

	private BackendFailures() {
	}

	/**
	 * 503 with {@code Retry-After} instead of the gateway's 500 or 504 when no try reached the
	 * service (no instance, refused, dropped, or silent past the response timeout). The first
	 * filter of a route, so that it sees what is left after any retries.
	 */
	static GatewayFilter serviceUnavailableWhenUnreachable(String service) {
		return (exchange, chain) -> chain.filter(exchange).onErrorResume(BackendFailures::isUnreachable, (ex) -> {
			if (exchange.getResponse().isCommitted()) {
				return Mono.error(ex);
			}
			logger.warn("{} did not answer {} {}: {}", service, exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex.toString());
			return writeServiceUnavailable(exchange.getResponse(), service);
		});
	}

	private static boolean isUnreachable(Throwable ex) {
		return ex instanceof IOException || ex instanceof NotFoundException
				|| (ex instanceof ResponseStatusException status && status.getStatusCode() == HttpStatus.GATEWAY_TIMEOUT);
	}

	static Mono<Void> writeServiceUnavailable(ServerHttpResponse response, String service) {
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] problem = ("{\"type\":\"urn:webchat:problem:service-unavailable\",\"title\":\"Service Unavailable\","
				+ "\"status\":503,\"detail\":\"" + service + " cannot be reached right now; try again shortly.\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(problem)));
	}
}
