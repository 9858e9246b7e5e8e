package io.webchat.gateway.system;

import java.util.concurrent.atomic.AtomicInteger;

import io.webchat.gateway.config.GatewayProperties;
import io.webchat.problem.ReactiveProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Overload is refused, not queued: past {@code webchat.gateway.max-concurrent-calls} API calls in
 * progress on this instance, the next one is answered at once with a 503 and
 * {@code Retry-After: 1} (the page retries sends with their client message id) instead of
 * waiting behind calls the box cannot finish in time, where every user's latency grows to
 * seconds. Long polls wait by design and are counted apart, against
 * {@code webchat.gateway.max-waiting-polls}: each holds about 40 KB of heap while it waits, so
 * the cap is what keeps a flood of clients from exhausting the heap. Before any other filter,
 * so that a refused call costs almost nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConcurrentCallLimit implements WebFilter {

	private final Limit calls;

	private final Limit polls;

	ConcurrentCallLimit(GatewayProperties properties) {
		this.calls = new Limit(properties.maxConcurrentCalls(),
				"The chat is busier than it can serve right now; try again in a second.");
		this.polls = new Limit(properties.maxWaitingPolls(),
				"This gateway holds as many waiting polls as it allows; poll again in a second.");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().value();
		if (!path.startsWith("/api/")) {
			return chain.filter(exchange);
		}
		return (isLongPoll(request.getMethod(), path) ? this.polls : this.calls).filter(exchange, chain);
	}

	/** Calls of one kind in progress, and how many may be. */
	private record Limit(int most, String refusal, AtomicInteger inProgress) {

		Limit(int most, String refusal) {
			this(most, refusal, new AtomicInteger());
		}

		Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (this.inProgress.incrementAndGet() > this.most) {
				this.inProgress.decrementAndGet();
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
				return ReactiveProblemResponses.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
						this.refusal);
			}
			return chain.filter(exchange).doFinally((signal) -> this.inProgress.decrementAndGet());
		}
	}

	private static boolean isLongPoll(HttpMethod method, String path) {
		return HttpMethod.GET.equals(method) && LongPollObservations.isLongPoll(path);
	}
}
