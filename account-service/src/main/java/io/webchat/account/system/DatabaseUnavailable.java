package io.webchat.account.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database gone or not answering: a 503 to retry, within the pool's connection timeout
 * ({@code spring.datasource.hikari.connection-timeout}) rather than a hang or a 500. Every change
 * runs in one transaction, so a refused request changed nothing; the pool reconnects by itself.
 */
@RestControllerAdvice
class DatabaseUnavailable {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailable.class);

	static final String RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			QueryTimeoutException.class })
	ResponseEntity<ProblemDetail> refuse(RuntimeException ex) {
		logger.warn("Refused a request: the database did not answer ({})", ex.toString());
		ProblemDetail problem = AccountProblem.ACCOUNTS_UNAVAILABLE
			.withDetail("Accounts cannot be read or changed right now; nothing was changed. Try again shortly.")
			.getBody();
		return ResponseEntity.status(AccountProblem.ACCOUNTS_UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}
}
