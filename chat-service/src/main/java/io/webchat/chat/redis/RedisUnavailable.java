package io.webchat.chat.redis;

import java.io.IOException;
import java.net.URI;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
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
 * Redis gone, too slow to answer within {@link ChatRedisProperties#commandTimeout()}, or gone
 * with a command in flight (a {@code kill -9} or a reset finds the command unread in its buffer,
 * and Lettuce fails it with the connection's {@link IOException}): the request is refused with a 503 and a {@code Retry-After}, which the page shows as
 * "Reconnecting…" and retries. Every write a request makes is one atomic script or is finished
 * by the client's retry (a send's {@code clientMessageId}), so a refused request has left
 * nothing half-done. Lettuce reconnects by itself; the first request after Redis is back works.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RedisUnavailable {

	private static final Logger logger = LoggerFactory.getLogger(RedisUnavailable.class);

	static final String RETRY_AFTER_SECONDS = "2";

	/**
	 * An {@link IOException} reaching a controller is taken for Redis's: Redis is the only thing
	 * chat-service connects to, and a client that went away mid-request is not answered anyway.
	 */
	@ExceptionHandler({ RedisCommandTimeoutException.class, RedisConnectionException.class, IOException.class })
	ResponseEntity<ProblemDetail> refuse(Exception ex) {
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
