package io.webchat.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class RefusingInstancesTest {

	private final AtomicLong now = new AtomicLong();

	private final RefusingInstances refusing = new RefusingInstances(this.now::get);

	private final ServiceInstance one = instance(8082);

	private final ServiceInstance two = instance(8083);

	@Test
	void anInstanceThatRefusedIsLeftOutForItsRestThenTriedAgain() {
		this.refusing.refused(URI.create("http://10.0.0.1:8083/api/chat/messages"));

		assertThat(this.refusing.usable(List.of(this.one, this.two))).containsExactly(this.one);
		this.now.addAndGet(RefusingInstances.REST.toNanos() - 1);
		assertThat(this.refusing.usable(List.of(this.one, this.two))).containsExactly(this.one);
		this.now.addAndGet(1);
		assertThat(this.refusing.usable(List.of(this.one, this.two))).containsExactly(this.one, this.two);
	}

	@Test
	void anInstanceThatAnswersIsBackAtOnce() {
		this.refusing.refused(URI.create("http://10.0.0.1:8083/x"));
		this.refusing.answered(URI.create("http://10.0.0.1:8083/y"));

		assertThat(this.refusing.usable(List.of(this.one, this.two))).containsExactly(this.one, this.two);
	}

	@Test
	void whenEveryInstanceRefusedLatelyAllAreTried() {
		this.refusing.refused(URI.create("http://10.0.0.1:8082/x"));
		this.refusing.refused(URI.create("http://10.0.0.1:8083/x"));

		assertThat(this.refusing.usable(List.of(this.one, this.two))).containsExactly(this.one, this.two);
	}

	private static ServiceInstance instance(int port) {
		return new DefaultServiceInstance("10.0.0.1:" + port, "chat-service", "10.0.0.1", port, false);
	}
}
