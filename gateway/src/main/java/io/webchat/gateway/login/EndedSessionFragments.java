package io.webchat.gateway.login;

import java.util.Map;
import java.util.function.BiFunction;

import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionMapper;

/**
 * Reads a session hash as Spring Session does, except that a fragment reads as no session. A
 * session deleted (logout, password change) while one of its requests was finishing can be left
 * as a fragment: that request's last write landed after the delete, so the hash has an access
 * time but no creation time. Spring Session's mapper refuses it with an exception, and every
 * later request with that cookie was answered 500 until the fragment expired, 12 hours on.
 * Given null, the repository deletes the fragment and the request is a visitor's.
 */
final class EndedSessionFragments implements BiFunction<String, Map<String, Object>, MapSession> {

	private final RedisSessionMapper mapper = new RedisSessionMapper();

	@Override
	public MapSession apply(String sessionId, Map<String, Object> hash) {
		try {
			return this.mapper.apply(sessionId, hash);
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}
}
