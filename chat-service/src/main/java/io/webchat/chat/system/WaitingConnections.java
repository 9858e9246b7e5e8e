package io.webchat.chat.system;

import java.time.Duration;

import io.webchat.chat.delivery.DeliveryProperties;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Jetty for an instance that holds thousands of connections open, one per waiting long poll. */
@Configuration(proxyBeanMethods = false)
class WaitingConnections {

	/**
	 * Connections the kernel may hold for Jetty to accept. Java's default is 50: when the gateway
	 * opened connections for 5,000 new polls in ten seconds, the queue overflowed and it saw
	 * connect timeouts by the thousand.
	 */
	static final int ACCEPT_QUEUE_SIZE = 1024;

	/**
	 * How much longer than a poll's request may last a connection may sit idle: longer than the
	 * gateway keeps an idle connection in its pool (15 s, BackendConnections), so that it is the
	 * gateway that closes it, never Jetty under a request being sent.
	 */
	static final Duration IDLE_BEYOND_LONGEST_REQUEST = Duration.ofSeconds(30);

	@Bean
	JettyServerCustomizer manyWaitingConnections(DeliveryProperties delivery) {
		long idleTimeoutMillis = delivery.requestTimeout().plus(IDLE_BEYOND_LONGEST_REQUEST).toMillis();
		return (server) -> {
			for (Connector connector : server.getConnectors()) {
				HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
				if (http != null) {
					// Jetty caches the header fields each connection has seen, in a table of up to
					// 1,024 entries: 30–70 KiB of char[] per connection, 180 MB of heap for 2,500
					// waiting polls in the benchmark. The gateway's few headers parse quickly without it.
					http.getHttpConfiguration().setHeaderCacheSize(0);
				}
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
					serverConnector.setIdleTimeout(idleTimeoutMillis);
				}
			}
		};
	}
}
