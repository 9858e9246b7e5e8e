package io.webchat.gateway.session;

import java.util.Map;
import java.util.function.BiFunction;

import reactor.core.publisher.Mono;

import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionMapper;

/**
 * Reads a session hash as Spring Session does, except that a fragment reads as no session. A
 * session deleted (logout, password change) while one of its requests was finishing can be left
 * as a fragment: that request's last write landed after the delete, so the hash has an access
 * time but no creation time. Spring Session's mapper refuses it with an exception, which would
 * answer 500 to every request with that cookie until the fragment expired; read as nothing, the
 * repository deletes it and the request is a visitor's.
 */
final class EndedSessionFragments implements BiFunction<String, Map<String, Object>, Mono<MapSession>> {

	private final RedisSessionMapper mapper = new RedisSessionMapper();

	@Override
	public Mono<MapSession> apply(String sessionId, Map<String, Object> hash) {
		try {
			return Mono.just(this.mapper.apply(sessionId, hash));
		}
		catch (IllegalStateException ex) {
			return Mono.empty();
		}
	}
}
