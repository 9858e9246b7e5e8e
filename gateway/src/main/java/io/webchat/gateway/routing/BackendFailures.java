package io.webchat.gateway.routing;

import java.net.URI;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** What the gateway does when a service cannot be reached. */
final class BackendFailures {

	private static final Logger logger = LoggerFactory.getLogger(BackendFailures.class);

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE);

	private BackendFailures() {
	}

	/**
	 * Tries again when an instance cannot be reached — only calls that may safely run twice; a
	 * send is left to its client, which retries with the same client message id — and answers
	 * 503 with {@code Retry-After} when no try got through, instead of a 500. Added before the
	 * load balancer (so it runs around it), each try is routed anew, to the next instance.
	 */
	static HandlerFilterFunction<ServerResponse, ServerResponse> retryElseServiceUnavailable(String service,
			int retries) {
		return (request, next) -> {
			int allowedRetries = IDEMPOTENT.contains(request.method()) ? retries : 0;
			for (int attempt = 0;; attempt++) {
				try {
					return next.handle(request);
				}
				catch (ResourceAccessException ex) {
					if (attempt >= allowedRetries) {
						logger.warn("{} did not answer {} {} ({} tries): {}", service, request.method(), request.path(),
								allowedRetries + 1, ex.getMessage());
						return serviceUnavailable(service);
					}
					logger.debug("{} did not answer {} {} (try {}), trying again: {}", service, request.method(),
							request.path(), attempt + 1, ex.getMessage());
				}
			}
		};
	}

	static ServerResponse serviceUnavailable(String service) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				service + " cannot be reached right now; try again shortly.");
		problem.setType(URI.create("urn:webchat:problem:service-unavailable"));
		return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}
}
