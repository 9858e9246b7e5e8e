package io.webchat.gateway.login;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts login attempts per username and per client address in Redis, so a brute force spread
 * over several gateway instances is counted as one. An attempt is counted before the password
 * is checked: a burst of parallel guesses cannot all slip in under the limit.
 */
@Component
class LoginThrottle {

	/**
	 * Counts one attempt on both keys, each with its expiry set in the same step, and answers
	 * both counts and remaining lifetimes.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT_ATTEMPT = RedisScript.of("""
			local result = {}
			for i, key in ipairs(KEYS) do
			  local count = redis.call('INCR', key)
			  if count == 1 then
			    redis.call('PEXPIRE', key, ARGV[1])
			  end
			  result[#result + 1] = count
			  result[#result + 1] = redis.call('PTTL', key)
			end
			return result
			""", List.class);

	private final ReactiveStringRedisTemplate redis;

	private final LoginThrottleProperties properties;

	LoginThrottle(ReactiveStringRedisTemplate redis, LoginThrottleProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Counts the attempt and refuses it, before the password is checked, when either count is
	 * past its limit. {@code Retry-After} is when the longer of the refusing windows ends.
	 */
	Mono<Void> attempt(String username, String address) {
		List<String> keys = (address != null) ? List.of(usernameKey(username), addressKey(address))
				: List.of(usernameKey(username));
		return this.redis.execute(COUNT_ATTEMPT, keys, List.of(Long.toString(this.properties.window().toMillis())))
			.next()
			.flatMap((counts) -> {
				long retryAfterMillis = 0;
				if (number(counts, 0) > this.properties.maxFailuresPerUsername()) {
					retryAfterMillis = Math.max(retryAfterMillis, number(counts, 1));
				}
				if (counts.size() > 2 && number(counts, 2) > this.properties.maxFailuresPerAddress()) {
					retryAfterMillis = Math.max(retryAfterMillis, number(counts, 3));
				}
				return (retryAfterMillis > 0) ? Mono.error(new LoginThrottledException(Duration.ofMillis(retryAfterMillis)))
						: Mono.empty();
			});
	}

	/** A right password: the attempt was no failure, so it is taken back from both counts. */
	Mono<Void> succeeded(String username, String address) {
		Mono<Long> forgetUsername = this.redis.delete(usernameKey(username));
		return (address != null) ? forgetUsername.then(this.redis.opsForValue().decrement(addressKey(address))).then()
				: forgetUsername.then();
	}

	private static long number(List<?> counts, int index) {
		return ((Number) counts.get(index)).longValue();
	}

	/**
	 * The key of a username as account-service would match it. Logins for names that cannot be
	 * usernames are refused before this (see AccountServiceAuthentication), so spellings that a
	 * database collation would fold together cannot each get their own count.
	 */
	private static String usernameKey(String username) {
		return "gateway:login-failures:user:" + username.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "gateway:login-failures:address:" + address;
	}
}
