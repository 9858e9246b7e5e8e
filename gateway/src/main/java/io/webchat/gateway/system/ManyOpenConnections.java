package io.webchat.gateway.system;

import java.time.Duration;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Jetty for a gateway that keeps a browser's connection open for every long poll it forwards:
 * thousands at once, each silent for up to the longest poll.
 */
@Configuration(proxyBeanMethods = false)
class ManyOpenConnections {

	/**
	 * Connections the kernel may hold for Jetty to accept. Java's default is 50, too few when
	 * thousands of pages reconnect at once (after a deploy, say).
	 */
	static final int ACCEPT_QUEUE_SIZE = 1024;

	/**
	 * How much longer than the backend read timeout a browser's connection may sit silent, so
	 * that a waiting poll ends by its answer (or the gateway's 503), never by Jetty cutting it.
	 */
	static final Duration IDLE_BEYOND_READ_TIMEOUT = Duration.ofSeconds(20);

	@Bean
	JettyServerCustomizer jettyForManyOpenConnections(Environment environment) {
		Duration readTimeout = Binder.get(environment)
			.bind("spring.http.clients.read-timeout", Duration.class)
			.orElse(Duration.ofSeconds(40));
		long idleTimeoutMillis = readTimeout.plus(IDLE_BEYOND_READ_TIMEOUT).toMillis();
		return (server) -> {
			for (Connector connector : server.getConnectors()) {
				HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
				if (http != null) {
					// Jetty caches the header fields each connection has seen (up to 1,024 of
					// them): tens of KiB of char[] per open connection, for a few headers that
					// parse quickly without it.
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
