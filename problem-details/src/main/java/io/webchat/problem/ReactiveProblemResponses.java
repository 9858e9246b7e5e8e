package io.webchat.problem;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Writes a problem straight to a reactive response, for refusals made in web filters before
 * WebFlux's handlers (and their problem handling) are reached: security, size limits.
 */
public final class ReactiveProblemResponses {

	private ReactiveProblemResponses() {
	}

	public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(ProblemResponses.body(status, detail))));
	}
}
