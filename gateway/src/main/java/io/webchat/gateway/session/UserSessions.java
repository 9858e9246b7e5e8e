package io.webchat.gateway.session;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Which sessions each user has, so that all of them can be ended at once (after a password
 * change). Kept here, written once per login, rather than by Spring Session's indexed
 * repository, which keeps the same index but pays for it with more Redis writes on every
 * session save.
 */
@Component
public class UserSessions {

	/** The list and its removal in one step, so that a login in between is not dropped unseen. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TAKE_ALL = RedisScript
		.of("local ids = redis.call('SMEMBERS', KEYS[1]); redis.call('DEL', KEYS[1]); return ids", List.class);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveSessionRepository<? extends Session> sessions;

	private final SessionEndings endings;

	private final String keyPrefix;

	UserSessions(ReactiveStringRedisTemplate redis, ReactiveSessionRepository<? extends Session> sessions,
			SessionEndings endings, SessionDataRedisProperties properties) {
		this.redis = redis;
		this.sessions = sessions;
		this.endings = endings;
		this.keyPrefix = properties.getNamespace() + ":user-sessions:";
	}

	/**
	 * Remembers a session the user just logged in with, and forgets those that have ended. The
	 * list has no expiry of its own: a session lives on while it is used, so a list that expired
	 * some time after the login could lose a session that is still in use. Pruning at each
	 * login keeps it to the user's live sessions plus those that ended since their last login.
	 */
	Mono<Void> remember(ChatUser user, String sessionId) {
		String key = key(user);
		Mono<Void> forgetEnded = this.redis.opsForSet()
			.members(key)
			.filterWhen((id) -> this.sessions.findById(id).hasElement().map((live) -> !live))
			.collectList()
			.flatMap((ended) -> ended.isEmpty() ? Mono.empty()
					: this.redis.opsForSet().remove(key, ended.toArray()).then());
		return forgetEnded.then(this.redis.opsForSet().add(key, sessionId)).then();
	}

	/** Ends every session the user logged in with, on every gateway instance; ids of sessions already ended are not found. */
	public Mono<Void> endAll(ChatUser user) {
		Mono<List<String>> taken = this.redis.execute(TAKE_ALL, List.of(key(user)))
			.flatMapIterable((ids) -> (List<?>) ids)
			.map(Object::toString)
			.collectList();
		return taken.flatMap((ids) -> Flux.fromIterable(ids)
				.concatMap((id) -> this.sessions.deleteById(id))
				.then(this.endings.ended(ids)));
	}

	private String key(ChatUser user) {
		return this.keyPrefix + user.id();
	}
}
