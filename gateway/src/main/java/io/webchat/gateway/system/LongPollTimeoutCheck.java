package io.webchat.gateway.system;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Refuses to start when the gateway would give up on a long poll before chat-service does. */
@Component
class LongPollTimeoutCheck implements InitializingBean {

	/** Room for the poll's last Redis reply, the JSON and the hop back. */
	static final Duration MINIMUM_HEADROOM = Duration.ofSeconds(5);

	private final GatewayProperties properties;

	private final Environment environment;

	LongPollTimeoutCheck(GatewayProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		Duration readTimeout = Binder.get(this.environment)
			.bind("spring.http.clients.read-timeout", Duration.class)
			.orElseThrow(() -> new IllegalStateException("spring.http.clients.read-timeout must be set: "
					+ "without it a dead backend would hold a request forever"));
		Duration needed = this.properties.chatPollMaxTimeout().plus(MINIMUM_HEADROOM);
		if (readTimeout.compareTo(needed) < 0) {
			throw new IllegalStateException("spring.http.clients.read-timeout (" + readTimeout
					+ ") must be at least webchat.gateway.chat-poll-max-timeout + " + MINIMUM_HEADROOM.toSeconds()
					+ "s (" + needed + ")");
		}
	}
}
