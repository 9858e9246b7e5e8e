package io.webchat.gateway.login;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;

/**
 * Which sessions each user has, so that all of them can be ended at once (after a password
 * change). Kept here, written once per login, rather than by Spring Session's indexed
 * repository, which keeps the same index but pays for it with five more Redis writes on every
 * request: its expiry bookkeeping was most of the gateway's Redis traffic under load.
 */
@Component
public class UserSessions {

	private final StringRedisTemplate redis;

	private final SessionRepository<? extends Session> sessions;

	private final Duration sessionTimeout;

	private final String keyPrefix;

	UserSessions(StringRedisTemplate redis, SessionRepository<? extends Session> sessions, SessionTimeout timeout,
			SessionDataRedisProperties properties) {
		this.redis = redis;
		this.sessions = sessions;
		this.sessionTimeout = timeout.getTimeout();
		this.keyPrefix = properties.getNamespace() + ":user-sessions:";
	}

	/** Remembers a session the user just logged in with; the list lives as long as a session can. */
	void remember(ChatUser user, String sessionId) {
		String key = key(user);
		this.redis.opsForSet().add(key, sessionId);
		this.redis.expire(key, this.sessionTimeout);
	}

	/**
	 * Ends every session the user logged in with. Ids of sessions that already ended are simply
	 * not found.
	 */
	public void endAll(ChatUser user) {
		String key = key(user);
		Set<String> ids = this.redis.opsForSet().members(key);
		if (ids != null) {
			ids.forEach(this.sessions::deleteById);
		}
		this.redis.delete(key);
	}

	private String key(ChatUser user) {
		return this.keyPrefix + user.id();
	}
}
