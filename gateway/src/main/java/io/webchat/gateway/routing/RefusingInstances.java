package io.webchat.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passive health: a chat instance that refused a connection — killed, or not started yet — is
 * left out of the rotation for {@link #REST} and then tried again, so a dead instance costs one
 * refused connection every few seconds, each retried on another instance ({@link ServiceRoutes}).
 * Learned from the calls themselves rather than from probes: an instance too busy to answer a
 * probe in time is not dead, and taking it out would turn an overload into an outage. If every
 * instance refused lately, all are tried: one of them may be back.
 */
@Component
class RefusingInstances implements GlobalFilter, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(RefusingInstances.class);

	/** How long an instance that refused a connection is left out before it is tried again. */
	static final Duration REST = Duration.ofSeconds(2);

	/** host:port → when it refused, as {@link #nanoTime} tells it. */
	private final Map<String, Long> refusedAt = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	RefusingInstances() {
		this(System::nanoTime);
	}

	RefusingInstances(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/** The instances of {@code all} that did not refuse a connection within {@link #REST}; all of them if none is left. */
	List<ServiceInstance> usable(List<ServiceInstance> all) {
		if (this.refusedAt.isEmpty()) {
			return all;
		}
		long now = this.nanoTime.getAsLong();
		List<ServiceInstance> usable = all.stream().filter((instance) -> !resting(key(instance), now)).toList();
		return usable.isEmpty() ? all : usable;
	}

	/** Right after the load balancer chose an instance: notes a refusal on the way back. */
	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		// one operator for both outcomes: a long poll holds it for as long as it waits
		return chain.filter(exchange).doOnEach((signal) -> {
			URI instance = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
			if (instance == null) {
				return;
			}
			if (signal.isOnError() && isRefusal(signal.getThrowable())) {
				refused(instance);
			}
			else if (signal.isOnComplete() && !this.refusedAt.isEmpty()) {
				answered(instance);
			}
		});
	}

	void refused(URI instance) {
		if (this.refusedAt.put(key(instance), this.nanoTime.getAsLong()) == null) {
			logger.warn("{}:{} refused a connection; left out of the rotation for {} s at a time until it answers",
					instance.getHost(), instance.getPort(), REST.toSeconds());
		}
	}

	void answered(URI instance) {
		if (this.refusedAt.remove(key(instance)) != null) {
			logger.info("{}:{} answers again", instance.getHost(), instance.getPort());
		}
	}

	private boolean resting(String key, long now) {
		Long refused = this.refusedAt.get(key);
		return refused != null && now - refused < REST.toNanos();
	}

	private static boolean isRefusal(Throwable ex) {
		return ex instanceof ConnectException || ex.getCause() instanceof ConnectException;
	}

	private static String key(ServiceInstance instance) {
		return instance.getHost() + ":" + instance.getPort();
	}

	private static String key(URI uri) {
		return uri.getHost() + ":" + uri.getPort();
	}
}
