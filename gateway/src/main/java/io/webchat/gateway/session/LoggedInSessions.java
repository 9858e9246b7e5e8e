package io.webchat.gateway.session;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Who is logged in, answered from this instance's {@link SessionCache} for a session seen within
 * the last touch interval, and from the session in Redis otherwise. A chat page polls every few
 * seconds and sends a request per message; reading, deserializing and writing its session in
 * Redis for each was most of what a request cost the gateway, for a session that does not change
 * between login and logout.
 *
 * <p>A session read from Redis again once its cache entry is a touch interval old has its
 * expiry moved on (Spring Session saves its new access time), so a session in use is written at
 * most once an interval per instance and expires at most one interval earlier than its timeout
 * says. A session ended on any instance is forgotten here within a second ({@link SessionEndings}).
 */
public class LoggedInSessions implements ServerSecurityContextRepository {

	private final ServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

	private final SessionCache cache;

	private final WebSessionIdResolver sessionIds;

	private final UserSessions userSessions;

	private final SessionEndings endings;

	LoggedInSessions(SessionCache cache, WebSessionIdResolver sessionIds, UserSessions userSessions,
			SessionEndings endings) {
		this.cache = cache;
		this.sessionIds = sessionIds;
		this.userSessions = userSessions;
		this.endings = endings;
	}

	/**
	 * Keeps a login in the session under a new id (against session fixation) and remembers that
	 * id among the user's sessions; {@code null}, a logout, ends the session on every instance.
	 */
	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		if (context == null) {
			return this.endings.ended(this.sessionIds.resolveSessionIds(exchange))
				.then(exchange.getSession().flatMap((session) -> session.invalidate()));
		}
		return this.sessions.save(exchange, context).then(exchange.getSession()).flatMap((session) -> {
			this.cache.put(session.getId(), context);
			return (context.getAuthentication() != null
					&& context.getAuthentication().getPrincipal() instanceof ChatUser user)
							? this.userSessions.remember(user, session.getId()) : Mono.empty();
		});
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		List<String> ids = this.sessionIds.resolveSessionIds(exchange);
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		String sessionId = ids.getFirst();
		SecurityContext cached = this.cache.get(sessionId);
		if (cached != null) {
			return Mono.just(cached);
		}
		return this.sessions.load(exchange).doOnNext((context) -> this.cache.put(sessionId, context));
	}
}
