package io.webchat.gateway.system;

import java.time.Duration;

import io.webchat.gateway.config.GatewayProperties;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.stereotype.Component;

/** Refuses to start when the gateway would give up on a long poll before chat-service does. */
@Component
class LongPollTimeoutCheck implements InitializingBean {

	static final String RESPONSE_TIMEOUT = "spring.cloud.gateway.server.webflux.httpclient.response-timeout";

	/** Room for the poll's last Redis reply, the JSON and the hop back. */
	static final Duration MINIMUM_HEADROOM = Duration.ofSeconds(5);

	private final GatewayProperties properties;

	private final HttpClientProperties httpClient;

	LongPollTimeoutCheck(GatewayProperties properties, HttpClientProperties httpClient) {
		this.properties = properties;
		this.httpClient = httpClient;
	}

	@Override
	public void afterPropertiesSet() {
		Duration responseTimeout = this.httpClient.getResponseTimeout();
		if (responseTimeout == null) {
			throw new IllegalStateException(
					RESPONSE_TIMEOUT + " must be set: without it a silent backend would hold a request forever");
		}
		Duration needed = this.properties.chatPollMaxTimeout().plus(MINIMUM_HEADROOM);
		if (responseTimeout.compareTo(needed) < 0) {
			throw new IllegalStateException(RESPONSE_TIMEOUT + " (" + responseTimeout
					+ ") must be at least webchat.gateway.chat-poll-max-timeout + " + MINIMUM_HEADROOM.toSeconds() + "s ("
					+ needed + ")");
		}
	}
}
