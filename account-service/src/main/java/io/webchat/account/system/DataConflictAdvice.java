package io.webchat.account.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last line of defence for races the services do not resolve themselves: a stale version or
 * a key the database refused means another request won, which is a 409 to retry, not a 500.
 */
@RestControllerAdvice
class DataConflictAdvice {

	private static final Logger log = LoggerFactory.getLogger(DataConflictAdvice.class);

	@ExceptionHandler({ OptimisticLockingFailureException.class, DataIntegrityViolationException.class })
	ProblemDetail concurrentUpdate(RuntimeException ex) {
		log.info("Refused a change that lost a race: {}", ex.getMessage());
		return AccountProblem.CONCURRENT_UPDATE
			.withDetail("Another request changed the same data at the same moment; read it again and retry.")
			.getBody();
	}
}
