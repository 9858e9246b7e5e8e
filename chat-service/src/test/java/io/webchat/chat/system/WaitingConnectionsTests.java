package io.webchat.chat.system;

import java.util.Arrays;

import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.testsupport.RedisTestService;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The running server is Jetty, without a header cache per connection. */
@Import(RedisTestService.class)
class WaitingConnectionsTests extends ChatServiceIntegrationTest {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theServerKeepsNoHeaderCachePerConnection() {
		JettyWebServer server = (JettyWebServer) this.context.getWebServer();

		assertThat(Arrays.stream(server.getServer().getConnectors())
			.map((connector) -> connector.getConnectionFactory(HttpConnectionFactory.class))
			.map((http) -> http.getHttpConfiguration().getHeaderCacheSize())).containsExactly(0);
	}
}
