package io.webchat.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal a client can act on: an HTTP status, a stable problem {@code type} to branch on, and
 * a human-readable detail. Spring MVC renders it as {@code application/problem+json}.
 */
public class ApiProblem extends ErrorResponseException {

	private static final String TYPE_PREFIX = "urn:webchat:problem:";

	public ApiProblem(HttpStatus status, String type, String detail) {
		super(status, problem(status, type, detail), null);
	}

	/** A 400 naming the one field at fault, shaped like the validation problems of {@link ApiProblemAdvice}. */
	public static ApiProblem invalidField(String field, String message) {
		ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "The request has invalid fields.");
		problem.getBody().setProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", message)));
		return problem;
	}

	/** A 429 that tells the client when to try again. */
	public static ApiProblem tooManyRequests(String type, String detail, java.time.Duration retryAfter) {
		ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, type, detail);
		problem.getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER,
				Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		return problem;
	}
}
