package io.webchat.problem;

import jakarta.validation.ConstraintViolationException;
import reactor.core.publisher.Mono;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The WebFlux twin of {@link ApiProblemAdvice}: every error WebFlux knows as problem details,
 * and validation failures with the list of fields at fault, in the same words.
 */
@RestControllerAdvice
public class ReactiveApiProblemAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		return handleExceptionInternal(ex, ValidationProblems.invalidFields(ex.getFieldErrors()), headers,
				HttpStatus.BAD_REQUEST, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		return handleExceptionInternal(ex, ValidationProblems.invalidParameters(ex), headers, HttpStatus.BAD_REQUEST,
				exchange);
	}

	/**
	 * WebFlux reports a body it could not read, or a missing one, as a decoding failure inside
	 * this exception, and a parameter of the wrong type as a type mismatch inside it; every other
	 * input error (a missing parameter) keeps WebFlux's own answer.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (ex.getCause() instanceof DecodingException decoding) {
			return handleExceptionInternal(ex, ValidationProblems.unreadableBody(decoding.getCause()), headers,
					HttpStatus.BAD_REQUEST, exchange);
		}
		if (ex.getCause() instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null) {
			// worded as Spring MVC words it, naming the parameter and the value
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Failed to convert '"
					+ ex.getMethodParameter().getParameterName() + "' with value: '" + mismatch.getValue() + "'");
			return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
		}
		return super.handleServerWebInputException(ex, headers, status, exchange);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail handleConstraintViolation(ConstraintViolationException ex) {
		return ValidationProblems.constraintViolations(ex);
	}
}
