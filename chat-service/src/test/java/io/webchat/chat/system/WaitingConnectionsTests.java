package io.webchat.chat.system;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.chat.delivery.DeliveryProperties;
import io.webchat.testsupport.RedisTestService;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerConfig;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The running server is Reactor Netty, set up for many connections. */
@Import(RedisTestService.class)
class WaitingConnectionsTests extends ChatServiceIntegrationTest {

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	DeliveryProperties delivery;

	@Autowired
	NettyServerCustomizer manyWaitingConnections;

	@Test
	void theServerIsReactorNetty() {
		assertThat(this.context.getWebServer()).isInstanceOf(NettyWebServer.class);
	}

	@Test
	void theKernelMayQueueManyConnectionsForAccepting() {
		assertThat(serverConfiguration().options().get(ChannelOption.SO_BACKLOG))
			.isEqualTo(WaitingConnections.ACCEPT_QUEUE_SIZE);
	}

	@Test
	void aConnectionMaySitIdleLongerThanAPollsRequestAndTheGatewaysPool() {
		assertThat(serverConfiguration().idleTimeout())
			.isEqualTo(this.delivery.requestTimeout().plus(Duration.ofSeconds(30)));
	}

	/** What the customizer the running server was built with makes of a server. */
	private HttpServerConfig serverConfiguration() {
		return this.manyWaitingConnections.apply(HttpServer.create()).configuration();
	}
}
