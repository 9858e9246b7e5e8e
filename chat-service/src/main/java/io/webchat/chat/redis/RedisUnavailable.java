package io.webchat.chat.redis;

import java.net.URI;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Redis gone, or too slow to answer within {@link ChatRedisProperties#commandTimeout()}: the
 * request is refused with a 503 and a {@code Retry-After}, which the page shows as
 * "Reconnecting…" and retries. Every write a request makes is one atomic script or is finished
 * by the client's retry (a send's {@code clientMessageId}), so a refused request has left
 * nothing half-done. Lettuce reconnects by itself; the first request after Redis is back works.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RedisUnavailable {

	private static final Logger logger = LoggerFactory.getLogger(RedisUnavailable.class);

	static final String RETRY_AFTER_SECONDS = "2";

	@ExceptionHandler({ RedisCommandTimeoutException.class, RedisConnectionException.class })
	ResponseEntity<ProblemDetail> refuse(RedisException ex) {
		logger.debug("Refused a request: Redis did not answer", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Chat messages cannot be stored or read right now; try again shortly.");
		problem.setType(URI.create("urn:webchat:problem:chat-store-unavailable"));
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}
}
