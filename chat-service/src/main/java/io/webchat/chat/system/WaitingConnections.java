package io.webchat.chat.system;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.webchat.chat.delivery.DeliveryProperties;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty for an instance that holds thousands of connections open, one per waiting long
 * poll. A waiting poll holds its connection and a small decoder state, no thread and no buffer
 * of its own: Netty takes buffers from its pool only while bytes move, and keeps no header cache
 * per connection.
 */
@Configuration(proxyBeanMethods = false)
class WaitingConnections {

	/**
	 * Connections the kernel may queue for the server to accept (capped by
	 * {@code net.core.somaxconn}): the gateway opens connections for thousands of new polls in a
	 * few seconds when clients come back at once, and an overflowing queue shows there as
	 * connect timeouts.
	 */
	static final int ACCEPT_QUEUE_SIZE = 4096;

	/**
	 * How much longer than a poll's request a connection may sit idle between requests: longer
	 * than the gateway keeps an idle connection in its pool, so that it is the gateway that
	 * closes it, never this server under a request being sent.
	 */
	static final Duration IDLE_BEYOND_LONGEST_REQUEST = Duration.ofSeconds(30);

	@Bean
	NettyServerCustomizer manyWaitingConnections(DeliveryProperties delivery) {
		Duration idleTimeout = delivery.requestTimeout().plus(IDLE_BEYOND_LONGEST_REQUEST);
		return (server) -> server.option(ChannelOption.SO_BACKLOG, ACCEPT_QUEUE_SIZE).idleTimeout(idleTimeout);
	}
}
