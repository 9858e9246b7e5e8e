package io.webchat.chat.system;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;

import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jetty for an instance that holds thousands of connections open, one per waiting long poll.
 * Jetty caches the header fields each connection has seen, in a table of up to 1,024 entries:
 * 30–70 KiB of {@code char[]} per connection, 180 MB of heap for 2,500 waiting polls in the
 * delivery benchmark. The gateway's few headers parse quickly without it.
 */
@Configuration(proxyBeanMethods = false)
class WaitingConnections {

	@Bean
	JettyServerCustomizer noHeaderCachePerConnection() {
		return (server) -> {
			for (Connector connector : server.getConnectors()) {
				HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
				if (http != null) {
					http.getHttpConfiguration().setHeaderCacheSize(0);
				}
			}
		};
	}
}
