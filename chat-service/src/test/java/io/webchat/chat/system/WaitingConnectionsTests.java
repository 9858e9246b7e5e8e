package io.webchat.chat.system;

import java.util.Arrays;

import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.chat.delivery.DeliveryProperties;
import io.webchat.testsupport.RedisTestService;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The running server is Jetty, set up for many connections. */
@Import(RedisTestService.class)
class WaitingConnectionsTests extends ChatServiceIntegrationTest {

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	DeliveryProperties delivery;

	@Test
	void theServerKeepsNoHeaderCachePerConnection() {
		assertThat(Arrays.stream(server().getConnectors())
			.map((connector) -> connector.getConnectionFactory(HttpConnectionFactory.class))
			.map((http) -> http.getHttpConfiguration().getHeaderCacheSize())).containsExactly(0);
	}

	@Test
	void theKernelMayQueueManyConnectionsForAccepting() {
		assertThat(Arrays.stream(server().getConnectors())
			.map((connector) -> ((ServerConnector) connector).getAcceptQueueSize()))
			.containsExactly(WaitingConnections.ACCEPT_QUEUE_SIZE);
	}

	@Test
	void aConnectionMaySitIdleLongerThanAPollsRequestAndTheGatewaysPool() {
		assertThat(Arrays.stream(server().getConnectors()).map(Connector::getIdleTimeout))
			.containsExactly(this.delivery.requestTimeout().plusSeconds(30).toMillis());
	}

	private Server server() {
		return ((JettyWebServer) this.context.getWebServer()).getServer();
	}
}
