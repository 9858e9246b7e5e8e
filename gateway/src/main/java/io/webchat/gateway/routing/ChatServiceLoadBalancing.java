package io.webchat.gateway.routing;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.webchat.gateway.config.GatewayProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Round-robin over the chat-service instances named in {@code webchat.gateway.chat-service-urls}
 * that did not just refuse a connection ({@link RefusingInstances}).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = ChatServiceLoadBalancing.SERVICE_ID,
		configuration = ChatServiceLoadBalancing.InstanceSupplierConfiguration.class)
class ChatServiceLoadBalancing {

	static final String SERVICE_ID = "chat-service";

	/** Not a {@code @Configuration}: Spring Cloud LoadBalancer loads it into its own child context. */
	static class InstanceSupplierConfiguration {

		/** The configured instances, less those that refused a connection a moment ago. */
		@Bean
		ServiceInstanceListSupplier chatServiceInstances(GatewayProperties properties, RefusingInstances refusing) {
			ServiceInstanceListSupplier configured = new ResolvingInstanceListSupplier(properties.chatServiceUrls());
			return new ServiceInstanceListSupplier() {

				@Override
				public String getServiceId() {
					return configured.getServiceId();
				}

				@Override
				public Flux<List<ServiceInstance>> get() {
					return configured.get().map(refusing::usable);
				}
			};
		}

	}

	/**
	 * Resolves each configured URL on every call, one instance per address: under compose
	 * {@code --scale chat-service=3} the name {@code chat-service} has three addresses, and new
	 * or removed replicas are seen once the JVM's DNS cache expires.
	 */
	static class ResolvingInstanceListSupplier implements ServiceInstanceListSupplier {

		/** How long a resolved list is used before host names are looked up again. */
		static final Duration RESOLVE_INTERVAL = Duration.ofSeconds(5);

		private final List<URI> urls;

		/**
		 * Literal addresses and "localhost" as they are; host names looked up off the event loop
		 * (a DNS query blocks), once per interval rather than per request.
		 */
		private final Mono<List<ServiceInstance>> instances;

		ResolvingInstanceListSupplier(List<URI> urls) {
			this.urls = List.copyOf(urls);
			this.instances = this.urls.stream().allMatch((url) -> isLiteral(url.getHost())) ? Mono.just(resolve())
					: Mono.fromCallable(this::resolve).subscribeOn(Schedulers.boundedElastic()).cache(RESOLVE_INTERVAL);
		}

		@Override
		public String getServiceId() {
			return SERVICE_ID;
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return this.instances.flux();
		}

		List<ServiceInstance> resolve() {
			List<ServiceInstance> instances = new ArrayList<>();
			for (URI url : this.urls) {
				boolean secure = "https".equals(url.getScheme());
				int port = (url.getPort() != -1) ? url.getPort() : (secure ? 443 : 80);
				for (String host : hostsOf(url.getHost())) {
					instances.add(new DefaultServiceInstance(host + ":" + port, SERVICE_ID, host, port, secure));
				}
			}
			return instances;
		}

		private static boolean isLiteral(String host) {
			return "localhost".equals(host) || Character.isDigit(host.charAt(0)) || host.startsWith("[");
		}

		/** "localhost" and literal addresses are used as they are; other names expand to their IPv4 addresses. */
		private static List<String> hostsOf(String host) {
			if (isLiteral(host)) {
				return List.of(host);
			}
			try {
				List<String> addresses = Arrays.stream(InetAddress.getAllByName(host))
					.filter((address) -> address.getAddress().length == 4)
					.map(InetAddress::getHostAddress)
					.distinct()
					.toList();
				return addresses.isEmpty() ? List.of(host) : addresses;
			}
			catch (UnknownHostException ex) {
				return List.of(host);
			}
		}

	}
}
