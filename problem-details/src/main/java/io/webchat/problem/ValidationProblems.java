package io.webchat.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The 400 answers to a request that is not what an endpoint expects, built once for both web
 * stacks ({@link ApiProblemAdvice} for Spring MVC, {@link ReactiveApiProblemAdvice} for WebFlux),
 * so that a client sees the same {@code type}, detail and list of fields at fault from either.
 */
final class ValidationProblems {

	static final URI VALIDATION_TYPE = URI.create("urn:webchat:problem:validation");

	private ValidationProblems() {
	}

	/** A body that was read but whose fields break their constraints ({@code @Valid}). */
	static ProblemDetail invalidFields(List<FieldError> fieldErrors) {
		return validation("The request has invalid fields.",
				fieldErrors.stream().map(ValidationProblems::fieldError).toList());
	}

	/** Path variables or request parameters that break their constraints, checked by the framework. */
	static ProblemDetail invalidParameters(HandlerMethodValidationException ex) {
		return validation("The request has invalid parameters.", ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.<String, Object>of("field", result.getMethodParameter().getParameterName(),
						"message", String.valueOf(error.getDefaultMessage()))))
			.toList());
	}

	/** Parameters that break their constraints, checked by a {@code @Validated} controller. */
	static ProblemDetail constraintViolations(ConstraintViolationException ex) {
		return validation("The request has invalid parameters.", ex.getConstraintViolations()
			.stream()
			.map((violation) -> Map.<String, Object>of("field", violation.getPropertyPath().toString(), "message",
					violation.getMessage()))
			.toList());
	}

	/**
	 * Malformed JSON, a wrong type ({@code "to": "abc"}), an unknown enum value or field: says
	 * which field, without echoing parser internals.
	 * @param cause what the JSON reader threw, or {@code null} when there was no body to read
	 */
	static ProblemDetail unreadableBody(Throwable cause) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setType(VALIDATION_TYPE);
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = databind.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.reduce((left, right) -> right.startsWith("[") ? left + right : left + "." + right)
				.orElse("");
			problem.setDetail("The request has invalid fields.");
			problem.setProperty("errors", List.of(Map.of("field", field, "message", "is unknown or has an invalid value")));
		}
		else if (cause instanceof JacksonException) {
			problem.setDetail("The request body is not the JSON object this endpoint expects.");
		}
		else {
			problem.setDetail("The request body is missing or unreadable.");
		}
		return problem;
	}

	private static ProblemDetail validation(String detail, List<Map<String, Object>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(VALIDATION_TYPE);
		problem.setProperty("errors", errors);
		return problem;
	}

	private static Map<String, Object> fieldError(FieldError error) {
		return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
	}
}
