package io.webchat.gateway.session;

import java.time.Duration;
import java.util.Collection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.core.context.SecurityContext;

/**
 * The logins this instance has seen within the last touch interval, by session id. An entry
 * lives one touch interval after it was read from Redis, so that a session in use is read (and
 * its expiry moved on) at most once an interval; {@link SessionEndings} removes it sooner when
 * the session ends.
 */
final class SessionCache {

	private final Cache<String, SecurityContext> contexts;

	SessionCache(Duration touchInterval, long maxSessions) {
		this.contexts = Caffeine.newBuilder().expireAfterWrite(touchInterval).maximumSize(maxSessions).build();
	}

	SecurityContext get(String sessionId) {
		return this.contexts.getIfPresent(sessionId);
	}

	void put(String sessionId, SecurityContext context) {
		this.contexts.put(sessionId, context);
	}

	void forget(Collection<String> sessionIds) {
		this.contexts.invalidateAll(sessionIds);
	}

	void forgetAll() {
		this.contexts.invalidateAll();
	}
}
