package io.webchat.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

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
	 * Malformed JSON, a value of the wrong type ({@code "to": "abc"}, {@code "to": 29.5},
	 * {@code "msg": true}, {@code "type": 0}: see {@link StrictJsonInput}), an unknown enum value or
	 * field, a field given twice, a number out of range: says which field and what it must be,
	 * without echoing parser internals.
	 * @param cause what the JSON reader threw, or {@code null} when there was no body to read
	 */
	static ProblemDetail unreadableBody(Throwable cause) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setType(VALIDATION_TYPE);
		String field = (cause instanceof JacksonException jackson) ? fieldAtFault(jackson) : null;
		if (field != null) {
			problem.setDetail("The request has invalid fields.");
			problem.setProperty("errors", List.of(Map.of("field", field, "message", whatIsWrong((JacksonException) cause))));
		}
		else if (cause instanceof JacksonException) {
			problem.setDetail("The request body is not the JSON object this endpoint expects.");
		}
		else {
			problem.setDetail("The request body is missing or unreadable.");
		}
		return problem;
	}

	/**
	 * The path of the field a JSON reader refused ({@code to}, {@code members[2].id}), or
	 * {@code null} when the fault is not in one field (cut short, not an object, trailing content).
	 */
	private static String fieldAtFault(JacksonException ex) {
		List<String> path = new ArrayList<>(ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.toList());
		if (isDuplicateField(ex) && ex.processor() instanceof JsonParser parser
				&& parser.streamReadContext().currentName() != null) {
			path.add(parser.streamReadContext().currentName());
		}
		else if (!(ex instanceof DatabindException || ex instanceof InputCoercionException)) {
			// a syntax error inside an object is the body's fault, not the enclosing field's
			return null;
		}
		return path.stream().reduce((left, right) -> right.startsWith("[") ? left + right : left + "." + right).orElse(null);
	}

	private static boolean isDuplicateField(JacksonException ex) {
		// Jackson has no exception type of its own for it: StreamReadFeature.STRICT_DUPLICATE_DETECTION
		return ex instanceof StreamReadException && String.valueOf(ex.getOriginalMessage()).startsWith("Duplicate Object property");
	}

	private static String whatIsWrong(JacksonException ex) {
		if (isDuplicateField(ex)) {
			return "is given more than once";
		}
		if (ex instanceof InputCoercionException) {
			return "is out of range";
		}
		if (ex instanceof PropertyBindingException) {
			return "is not a field of this request";
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> type = mismatch.getTargetType();
			if (type.isEnum()) {
				return "must be one of the documented values, as a JSON string";
			}
			if (type == Long.class || type == long.class || type == Integer.class || type == int.class
					|| type == Short.class || type == short.class || type == java.math.BigInteger.class) {
				return "must be an integer: a JSON number without fraction or exponent, not in quotes";
			}
			if (CharSequence.class.isAssignableFrom(type)) {
				return "must be a JSON string";
			}
			if (type == Boolean.class || type == boolean.class) {
				return "must be true or false";
			}
			if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
				return "must be a JSON number";
			}
		}
		return "is unknown or has an invalid value";
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
