package io.webchat.gateway.registration;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.webchat.gateway.client.ClientAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts each sign-up per client address and in total before it is forwarded to
 * account-service, and answers 429 with {@code Retry-After} past either limit
 * ({@link RegistrationLimitProperties}); the sign-up page shows when to try again.
 *
 * <p>It runs after the security filters, so a sign-up without the CSRF token, which is refused
 * there, uses up nobody's count. When Redis cannot count (it answers within the 1 s command
 * timeout or fails), the sign-up is refused with a 503 to retry, as a login is: a limit that
 * let everything through whenever Redis was away would be no limit.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RegistrationLimit implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(RegistrationLimit.class);

	private static final List<String> SIGN_UP_SEGMENTS = List.of("api", "accounts", "users");

	/**
	 * KEYS: the address's count, the total. ARGV: the address limit and window, the total limit
	 * and window (milliseconds). Answers 0 to go ahead, or the milliseconds until the refusing
	 * window ends. An attempt the address limit refuses is not counted in the total, so that one
	 * busy address cannot use up everyone's sign-ups.
	 */
	private static final RedisScript<Long> COUNT_SIGN_UP = RedisScript.of("""
			local function count(key, window)
			  local n = redis.call('INCR', key)
			  if n == 1 then
			    redis.call('PEXPIRE', key, window)
			  end
			  return n
			end
			local function left(key, window)
			  local ttl = redis.call('PTTL', key)
			  if ttl < 1 then
			    redis.call('PEXPIRE', key, window)
			    ttl = tonumber(window)
			  end
			  return ttl
			end
			if count(KEYS[1], ARGV[2]) > tonumber(ARGV[1]) then
			  return left(KEYS[1], ARGV[2])
			end
			if count(KEYS[2], ARGV[4]) > tonumber(ARGV[3]) then
			  redis.call('DECR', KEYS[1])
			  return left(KEYS[2], ARGV[4])
			end
			return 0
			""", Long.class);

	/** The same slot for both keys in a Redis Cluster (the hash tag), as one script uses them. */
	private static final String KEY_PREFIX = "gateway:registrations:{sign-ups}:";

	private final ReactiveStringRedisTemplate redis;

	private final RegistrationLimitProperties limits;

	private final ClientAddresses clientAddresses;

	RegistrationLimit(ReactiveStringRedisTemplate redis, RegistrationLimitProperties limits,
			ClientAddresses clientAddresses) {
		this.redis = redis;
		this.limits = limits;
		this.clientAddresses = clientAddresses;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!isSignUp(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		String address = this.clientAddresses.countedAddressOf(exchange.getRequest());
		List<String> arguments = List.of(Integer.toString(this.limits.maxPerAddress()),
				Long.toString(this.limits.addressWindow().toMillis()), Integer.toString(this.limits.maxTotal()),
				Long.toString(this.limits.totalWindow().toMillis()));
		return this.redis.execute(COUNT_SIGN_UP, List.of(KEY_PREFIX + "address:" + address, KEY_PREFIX + "total"),
				arguments)
			.next()
			.map((waitMillis) -> Math.max(0, waitMillis))
			.defaultIfEmpty(-1L)
			.onErrorResume(DataAccessException.class, (ex) -> {
				logger.warn("A sign-up is refused: Redis could not count it ({})", ex.toString());
				return Mono.just(-1L);
			})
			.flatMap((waitMillis) -> {
				if (waitMillis < 0) {
					return refuse(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, 5,
							"urn:webchat:problem:registration-unavailable",
							"Sign-ups cannot be counted right now; try again shortly.");
				}
				if (waitMillis > 0) {
					long seconds = (waitMillis + 999) / 1000;
					return refuse(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, seconds,
							"urn:webchat:problem:registration-limited",
							"Too many sign-ups right now. Try again in " + seconds + " s.");
				}
				return chain.filter(exchange);
			});
	}

	/**
	 * A POST to the sign-up path in any spelling that account-service would still route there:
	 * repeated or trailing slashes, percent-encoded letters, path parameters ({@code ;x=1}).
	 * Compared segment by segment, as the security filters match paths.
	 */
	static boolean isSignUp(ServerHttpRequest request) {
		if (request.getMethod() != HttpMethod.POST) {
			return false;
		}
		List<String> segments = request.getPath()
			.pathWithinApplication()
			.elements()
			.stream()
			.filter(PathContainer.PathSegment.class::isInstance)
			.map((element) -> ((PathContainer.PathSegment) element).valueToMatch())
			.filter((segment) -> !segment.isEmpty())
			.toList();
		return segments.equals(SIGN_UP_SEGMENTS);
	}

	private static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, long retryAfterSeconds,
			String type, String detail) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		// every value is ours (no user input), so the JSON is written as it is
		String body = "{\"type\":\"" + type + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\",\"retryAfterSeconds\":" + retryAfterSeconds + "}";
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory()
			.wrap(body.getBytes(StandardCharsets.UTF_8))));
	}
}
