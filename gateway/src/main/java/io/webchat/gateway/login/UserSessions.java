package io.webchat.gateway.login;

import java.util.List;
import java.util.Set;

import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;

/**
 * Which sessions each user has, so that all of them can be ended at once (after a password
 * change). Kept here, written once per login, rather than by Spring Session's indexed
 * repository, which keeps the same index but pays for it with five more Redis writes on every
 * request: its expiry bookkeeping was most of the gateway's Redis traffic under load. Sessions
 * created by the indexed repository (before this list existed) are in no list: after such an
 * upgrade, delete the old {@code webchat:session:*} keys, which logs everybody out once.
 */
@Component
public class UserSessions {

	/** The list and its removal in one step, so that a login in between is not dropped unseen. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TAKE_ALL = RedisScript
		.of("local ids = redis.call('SMEMBERS', KEYS[1]); redis.call('DEL', KEYS[1]); return ids", List.class);

	private final StringRedisTemplate redis;

	private final SessionRepository<? extends Session> sessions;

	private final String keyPrefix;

	UserSessions(StringRedisTemplate redis, SessionRepository<? extends Session> sessions,
			SessionDataRedisProperties properties) {
		this.redis = redis;
		this.sessions = sessions;
		this.keyPrefix = properties.getNamespace() + ":user-sessions:";
	}

	/**
	 * Remembers a session the user just logged in with, and forgets those that have ended. The
	 * list has no expiry of its own: a session lives on while it is used (its expiry moves on
	 * at least once a minute), so a list that expired some time after the login could lose a session
	 * that is still in use. Pruning at each login keeps it to the user's live sessions plus those
	 * that ended since their last login.
	 */
	void remember(ChatUser user, String sessionId) {
		String key = key(user);
		Set<String> known = this.redis.opsForSet().members(key);
		if (known != null) {
			Object[] ended = known.stream().filter((id) -> this.sessions.findById(id) == null).toArray();
			if (ended.length > 0) {
				this.redis.opsForSet().remove(key, ended);
			}
		}
		this.redis.opsForSet().add(key, sessionId);
	}

	/** Ends every session the user logged in with; ids of sessions already ended are not found. */
	public void endAll(ChatUser user) {
		List<?> ids = this.redis.execute(TAKE_ALL, List.of(key(user)));
		if (ids != null) {
			ids.forEach((id) -> this.sessions.deleteById(id.toString()));
		}
	}

	private String key(ChatUser user) {
		return this.keyPrefix + user.id();
	}
}
