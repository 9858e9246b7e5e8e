package io.webchat.gateway.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.Delay;
import io.webchat.gateway.config.GatewayProperties;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.session.autoconfigure.SessionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	/**
	 * After Redis was away, Lettuce tries again within a second rather than its default of up to
	 * 30 s, so logins work again as soon as Redis is back.
	 */
	@Bean
	ClientResourcesBuilderCustomizer reconnectWithinASecond() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

	/** The session cookie: hidden from scripts, not sent with cross-site requests. */
	static final String SESSION_COOKIE = "WEBCHAT_SESSION";

	/** Enough for this many users logged in within a touch interval; a miss only costs a read from Redis. */
	private static final long MAX_CACHED_SESSIONS = 200_000;

	@Bean
	WebSessionIdResolver webSessionIdResolver() {
		CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
		resolver.setCookieName(SESSION_COOKIE);
		resolver.addCookieInitializer((cookie) -> cookie.httpOnly(true).sameSite("Lax").path("/"));
		return resolver;
	}

	@Bean
	SessionCache sessionCache(GatewayProperties gateway, SessionProperties sessions) {
		Duration touchInterval = gateway.sessionTouchInterval();
		Duration timeout = sessions.getTimeout();
		if (timeout != null && touchInterval.compareTo(timeout) >= 0) {
			throw new IllegalStateException("webchat.gateway.session-touch-interval (" + touchInterval
					+ ") must be shorter than the session timeout (" + timeout + ")");
		}
		return new SessionCache(touchInterval, MAX_CACHED_SESSIONS);
	}

	@Bean
	LoggedInSessions loggedInSessions(SessionCache cache, WebSessionIdResolver sessionIds, UserSessions userSessions,
			SessionEndings endings) {
		return new LoggedInSessions(cache, sessionIds, userSessions, endings);
	}

	@Bean(destroyMethod = "destroy")
	ReactiveRedisMessageListenerContainer sessionEndingListeners(ReactiveRedisConnectionFactory redis) {
		return new ReactiveRedisMessageListenerContainer(redis);
	}

	@Bean
	ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> endedSessionFragmentsReadAsNone() {
		return (repository) -> repository.setRedisSessionMapper(new EndedSessionFragments());
	}
}
