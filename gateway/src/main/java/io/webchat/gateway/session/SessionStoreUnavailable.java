package io.webchat.gateway.session;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.webchat.problem.ReactiveProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Redis — the sessions, the login throttle — gone or not answering within
 * {@code spring.data.redis.timeout}: a 503 with {@code Retry-After} instead of a 500 or a hang.
 * Logins already known to this instance go on being served from its memory, and the chat API
 * with them; what needs Redis (a login, a session this instance has not seen) is refused until
 * it is back, and Lettuce reconnects by itself. Before Spring Boot's error handler, which would
 * answer 500.
 */
@Component
@Order(-2)
class SessionStoreUnavailable implements WebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(SessionStoreUnavailable.class);

	static final String RETRY_AFTER_SECONDS = "2";

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!isRedisUnavailable(ex) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		logger.warn("Refused {} {}: Redis did not answer ({})", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex.toString());
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return ReactiveProblemResponses.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
				"Logins cannot be checked right now; try again shortly.");
	}

	static boolean isRedisUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
					|| cause instanceof RedisConnectionException || cause instanceof RedisCommandTimeoutException) {
				return true;
			}
		}
		return false;
	}
}
