package io.webchat.chat.delivery;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A waiting poll is an asynchronous request: it holds no thread. Its request may stay open for
 * the longest poll plus a margin ({@link DeliveryProperties#requestTimeout()}); the poll answers
 * well before that.
 */
@Configuration(proxyBeanMethods = false)
class LongPollRequests implements WebMvcConfigurer {

	private final DeliveryProperties properties;

	LongPollRequests(DeliveryProperties properties) {
		this.properties = properties;
	}

	@Override
	public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
		configurer.setDefaultTimeout(this.properties.requestTimeout().toMillis());
	}
}
