package io.webchat.chat.system;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The HTTP server metrics leave the long poll out. A poll's duration is how long its client
 * waited for news, not how long the instance worked, so timing it would only bury the other
 * endpoints' latencies; and an observation kept for every waiting poll is memory and work that
 * thousands of them repeat. Every other endpoint is observed as before.
 */
@Configuration(proxyBeanMethods = false)
class LongPollObservations {

	@Bean
	ObservationPredicate noServerObservationOfLongPolls() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& isLongPoll(request.getCarrier().getPath().value()));
	}

	static boolean isLongPoll(String path) {
		return path.startsWith("/api/chat/clients/") && path.endsWith("/events");
	}
}
