package io.webchat.gateway.routing;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import io.webchat.gateway.routing.ChatServiceLoadBalancing.ResolvingInstanceListSupplier;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ResolvingInstanceListSupplierTest {

	private static List<ServiceInstance> instancesOf(String... urls) {
		List<URI> uris = Arrays.stream(urls).map(URI::create).toList();
		return new ResolvingInstanceListSupplier(uris).get().blockFirst();
	}

	@Test
	void eachLocalhostUrlBecomesOneInstanceWithItsPort() {
		List<ServiceInstance> instances = instancesOf("http://localhost:8082", "http://localhost:8083");

		assertThat(instances).extracting(ServiceInstance::getHost, ServiceInstance::getPort, ServiceInstance::isSecure)
			.containsExactly(tuple("localhost", 8082, false), tuple("localhost", 8083, false));
	}

	@Test
	void instancesOnTheSameHostHaveDistinctIds() {
		List<ServiceInstance> instances = instancesOf("http://localhost:8082", "http://localhost:8083");

		assertThat(instances).extracting(ServiceInstance::getInstanceId)
			.containsExactly("localhost:8082", "localhost:8083");
	}

	@Test
	void everyInstanceBelongsToTheChatService() {
		assertThat(instancesOf("http://localhost:8082")).extracting(ServiceInstance::getServiceId)
			.containsExactly("chat-service");
		assertThat(new ResolvingInstanceListSupplier(List.of()).getServiceId()).isEqualTo("chat-service");
	}

	@Test
	void aLiteralAddressIsUsedAsItIs() {
		assertThat(instancesOf("http://10.0.0.7:9000")).extracting(ServiceInstance::getHost, ServiceInstance::getPort)
			.containsExactly(tuple("10.0.0.7", 9000));
	}

	@Test
	void aUrlWithoutPortUsesTheSchemesDefaultPort() {
		assertThat(instancesOf("http://localhost", "https://localhost"))
			.extracting(ServiceInstance::getPort, ServiceInstance::isSecure)
			.containsExactly(tuple(80, false), tuple(443, true));
	}

	@Test
	void literalAddressesAreListedOnceNotPerRequest() {
		ResolvingInstanceListSupplier supplier = new ResolvingInstanceListSupplier(
				List.of(URI.create("http://localhost:8082"), URI.create("http://127.0.0.1:8083")));

		List<ServiceInstance> first = supplier.get().blockFirst();
		List<ServiceInstance> second = supplier.get().blockFirst();

		assertThat(second).isSameAs(first).hasSize(2);
	}

	@Test
	void aHostNameIsLookedUpOffTheCallersThreadAndReusedWithinTheInterval() {
		ResolvingInstanceListSupplier supplier = new ResolvingInstanceListSupplier(
				List.of(URI.create("http://ip-of-nowhere.invalid:8082")));
		Thread caller = Thread.currentThread();
		List<Thread> resolvedOn = new java.util.ArrayList<>();

		List<ServiceInstance> first = supplier.get().doOnNext((instances) -> resolvedOn.add(Thread.currentThread())).blockFirst();
		List<ServiceInstance> second = supplier.get().blockFirst();

		assertThat(first).extracting(ServiceInstance::getHost).containsExactly("ip-of-nowhere.invalid");
		assertThat(resolvedOn).doesNotContain(caller);
		assertThat(second).isSameAs(first);
	}
}
