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

	private static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		return problem;
	}
}
