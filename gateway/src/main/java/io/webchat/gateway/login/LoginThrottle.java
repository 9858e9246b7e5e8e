package io.webchat.gateway.login;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without locking anyone out (the policy is in docs/identity.md).
 * Counted in Redis, so attempts spread over several gateway instances are counted as one:
 * <ul>
 * <li>per username and client address: after a few failures each further attempt must wait,
 * and each wait is twice the last. A stranger guessing alice's password waits longer and longer,
 * while alice, from her own address, is not slowed at all;</li>
 * <li>per client address: failures for any usernames, refused past a limit until the window
 * ends (many users' passwords tried from one place).</li>
 * </ul>
 * An attempt is counted before the password is checked, so a burst of parallel guesses cannot
 * all slip in before the first failure is known; a right password takes it back.
 */
@Component
class LoginThrottle {

	private static final RedisScript<Long> SUCCEEDED = RedisScript.of("""
			redis.call('DEL', KEYS[2], KEYS[3])
			if redis.call('EXISTS', KEYS[1]) == 1 then
			  return redis.call('DECR', KEYS[1])
			end
			return 0
			""", Long.class);

	/**
	 * KEYS: the address's count, the username-and-address count, its wait. ARGV: window, the
	 * address limit, failures before backoff, first and longest wait (milliseconds). Answers 0 to
	 * go ahead, or the milliseconds to wait. An attempt refused for its wait is not counted:
	 * only a checked password is a failure, and counting refusals would let a tight loop of them
	 * stretch the wait of everyone behind the same address.
	 */
	private static final RedisScript<Long> ATTEMPT = RedisScript.of("""
			local waiting = redis.call('PTTL', KEYS[3])
			if waiting > 0 then
			  return waiting
			end
			local fromAddress = redis.call('INCR', KEYS[1])
			if fromAddress == 1 then
			  redis.call('PEXPIRE', KEYS[1], ARGV[1])
			end
			if fromAddress > tonumber(ARGV[2]) then
			  local left = redis.call('PTTL', KEYS[1])
			  if left < 1 then
			    redis.call('PEXPIRE', KEYS[1], ARGV[1])
			    left = tonumber(ARGV[1])
			  end
			  return left
			end
			local failures = redis.call('INCR', KEYS[2])
			redis.call('PEXPIRE', KEYS[2], ARGV[1])
			local beyond = failures - tonumber(ARGV[3])
			if beyond >= 0 then
			  local wait = math.min(tonumber(ARGV[4]) * 2 ^ math.min(beyond, 40), tonumber(ARGV[5]))
			  redis.call('SET', KEYS[3], '1', 'PX', math.floor(wait))
			end
			return 0
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final LoginThrottleProperties properties;

	LoginThrottle(ReactiveStringRedisTemplate redis, LoginThrottleProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Counts the attempt and refuses it, before the password is checked, while this username
	 * must wait at this address or the address is past its limit.
	 */
	Mono<Void> attempt(String username, String address) {
		Keys keys = new Keys(username, address);
		List<String> arguments = List.of(Long.toString(this.properties.window().toMillis()),
				Integer.toString(this.properties.maxFailuresPerAddress()),
				Integer.toString(this.properties.failuresBeforeBackoff()),
				Long.toString(this.properties.firstBackoff().toMillis()),
				Long.toString(this.properties.maxBackoff().toMillis()));
		return this.redis.execute(ATTEMPT, List.of(keys.address(), keys.failures(), keys.backoff()), arguments)
			.next()
			.flatMap((waitMillis) -> (waitMillis > 0)
					? Mono.error(new LoginThrottledException(Duration.ofMillis(waitMillis))) : Mono.empty());
	}

	/**
	 * A right password: the attempt was no failure, and this username's failures here are
	 * forgotten. The address's count is only taken back while it exists: once it has expired, a
	 * decrement would make a new key without an expiry, kept for ever.
	 */
	Mono<Void> succeeded(String username, String address) {
		Keys keys = new Keys(username, address);
		return this.redis.execute(SUCCEEDED, List.of(keys.address(), keys.failures(), keys.backoff())).then();
	}

	/**
	 * Every key of one attempt carries the address as its hash tag, so that the script's keys
	 * share a Redis Cluster slot. The username as account-service would match it: logins for
	 * names that cannot be usernames are refused before this (see AccountServiceAuthentication),
	 * so spellings that a database collation would fold together cannot each get their own count.
	 */
	private record Keys(String address, String failures, String backoff) {

		Keys(String username, String address) {
			this("gateway:login-failures:{" + address + "}",
					"gateway:login-failures:{" + address + "}:user:" + username.strip().toLowerCase(Locale.ROOT),
					"gateway:login-failures:{" + address + "}:wait:user:" + username.strip().toLowerCase(Locale.ROOT));
		}
	}
}
