package io.webchat.gateway.system;

import java.util.Map;

import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class LongPollObservationsTests {

	private final ObservationPredicate predicate = new LongPollObservations().noServerObservationOfLongPolls();

	@Test
	void aLongPollIsNotObservedButEveryOtherRequestIs() {
		assertThat(observed("/api/chat/clients/4f2a9c0e/events")).isFalse();
		assertThat(observed("/api/chat/messages")).isTrue();
		assertThat(observed("/api/chat/clients")).isTrue();
		assertThat(observed("/api/chat/clients/4f2a9c0e")).isTrue();
		assertThat(observed("/api/chat/conversations/single:2/messages")).isTrue();
	}

	private boolean observed(String path) {
		return this.predicate.test("http.server.requests", new ServerRequestObservationContext(
				MockServerHttpRequest.get(path).build(), new MockServerHttpResponse(), Map.of()));
	}
}
