package io.webchat.gateway.login;

import java.time.Duration;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username and per client address in Redis, so a brute force spread
 * over several gateway instances is counted as one.
 */
@Component
class LoginThrottle {

	private final StringRedisTemplate redis;

	private final LoginThrottleProperties properties;

	LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** Refuses the attempt before the password is checked if either counter is at its limit. */
	void checkAllowed(String username, String address) {
		check(usernameKey(username), this.properties.maxFailuresPerUsername());
		if (address != null) {
			check(addressKey(address), this.properties.maxFailuresPerAddress());
		}
	}

	void failed(String username, String address) {
		count(usernameKey(username));
		if (address != null) {
			count(addressKey(address));
		}
	}

	/** The right password clears the username's count; the address keeps its own. */
	void succeeded(String username) {
		this.redis.delete(usernameKey(username));
	}

	private void check(String key, int limit) {
		String failures = this.redis.opsForValue().get(key);
		if (failures != null && Long.parseLong(failures) >= limit) {
			Long ttlMillis = this.redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
			throw new LoginThrottledException(
					Duration.ofMillis((ttlMillis != null && ttlMillis > 0) ? ttlMillis : this.properties.window().toMillis()));
		}
	}

	private void count(String key) {
		Long failures = this.redis.opsForValue().increment(key);
		if (failures != null && failures == 1) {
			this.redis.expire(key, this.properties.window());
		}
	}

	private static String usernameKey(String username) {
		return "gateway:login-failures:user:" + username.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "gateway:login-failures:address:" + address;
	}
}
