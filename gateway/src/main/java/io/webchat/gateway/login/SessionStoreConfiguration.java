package io.webchat.gateway.login;

import java.time.Duration;

import io.webchat.gateway.system.GatewayProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.session.autoconfigure.SessionProperties;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The session store Spring Session's filter uses: the Redis repository as Spring Boot configures
 * it (namespace, timeout, serializer), reading a fragment of an ended session as no session,
 * wrapped so that a request writes its session back only when it changed something. (The bean
 * keeps its name; its type becomes {@link TouchThrottlingSessionRepository}, and nothing asks
 * for a {@code RedisSessionRepository} by type.)
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/** Static, and its dependencies looked up late: a post-processor is created before other beans. */
	@Bean
	static BeanPostProcessor sessionTouchThrottling(ObjectProvider<GatewayProperties> gatewayProperties,
			ObjectProvider<SessionProperties> sessionProperties, ObjectProvider<ServerProperties> serverProperties,
			ObjectProvider<SessionDataRedisProperties> redisProperties) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof RedisSessionRepository redisSessions)) {
					return bean;
				}
				SessionDataRedisProperties redis = redisProperties.getObject();
				if (redis.getSaveMode() != SaveMode.ON_SET_ATTRIBUTE || redis.getFlushMode() != FlushMode.ON_SAVE) {
					throw new IllegalStateException("The gateway writes a session only when a request changed it, which "
							+ "needs spring.session.data.redis.save-mode=on-set-attribute and flush-mode=on-save");
				}
				Duration touchInterval = gatewayProperties.getObject().sessionTouchInterval();
				Duration timeout = sessionProperties.getObject().getTimeout();
				if (timeout == null) {
					timeout = serverProperties.getObject().getServlet().getSession().getTimeout();
				}
				if (timeout != null && touchInterval.compareTo(timeout) >= 0) {
					throw new IllegalStateException("webchat.gateway.session-touch-interval (" + touchInterval
							+ ") must be shorter than the session timeout (" + timeout + ")");
				}
				redisSessions.setRedisSessionMapper(new EndedSessionFragments());
				return new TouchThrottlingSessionRepository(redisSessions, touchInterval);
			}
		};
	}

	/**
	 * Just outside Spring Session's filter, on every dispatch it may commit a session in (a long
	 * poll's answer is written on the asynchronous one).
	 */
	@Bean
	FilterRegistrationBean<Filter> savedSessionLookups(SessionRepository<?> sessions) {
		if (!(sessions instanceof TouchThrottlingSessionRepository touchThrottling)) {
			throw new IllegalStateException("Expected the gateway's TouchThrottlingSessionRepository, got " + sessions);
		}
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(touchThrottling.savedSessionLookups());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}
}
