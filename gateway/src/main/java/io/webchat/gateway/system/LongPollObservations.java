package io.webchat.gateway.system;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The gateway's HTTP server metrics leave the chat long poll out: its duration is how long the
 * client waited for news, which would bury every other route's latency, and thousands of
 * waiting polls would each keep an observation (timers, tags) for nothing. chat-service leaves
 * it out of its own metrics the same way.
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
