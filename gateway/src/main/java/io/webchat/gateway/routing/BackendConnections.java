package io.webchat.gateway.routing;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client every forwarded request and every password check goes through: Apache
 * HttpClient, which reads and writes its socket on the request's own (virtual) thread. The JDK's
 * HttpClient moved every byte of every connection through one selector thread, and under
 * thousands of waiting polls that thread fell so far behind that connections to chat-service
 * timed out before they were made. Timeouts still come from {@code spring.http.clients.*}.
 *
 * <p>Long polls have a non-blocking client of their own ({@link LongPollForwarding}): a waiting
 * poll then holds a connection but no thread. Same limits, same timeouts.
 */
@Configuration(proxyBeanMethods = false)
class BackendConnections {

	/**
	 * Connections kept per service instance: every waiting long poll holds one, so this bounds
	 * the polls one gateway can forward to one instance (each also counts against the process's
	 * open-file limit, with the browser's connection to the gateway). The only limit: a pool
	 * without a global lock has no total.
	 */
	static final int MAX_CONNECTIONS_PER_INSTANCE = 10_000;

	/**
	 * How long a request waits for a connection when an instance has all of them in use; then it
	 * fails like an unreachable instance (another instance, or 503 with Retry-After).
	 */
	static final Timeout CONNECTION_WAIT = Timeout.ofSeconds(2);

	/** An unused connection is closed well before a service's own idle timeout (about a minute) could. */
	private static final TimeValue MAX_IDLE = TimeValue.ofSeconds(15);

	@Bean
	ClientHttpRequestFactoryBuilder<?> backendRequestFactory() {
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnPerRoute(MAX_CONNECTIONS_PER_INSTANCE)
				// per-instance pools without one lock that every request takes
				.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX))
			.withConnectionConfigCustomizer((connection) -> connection.setValidateAfterInactivity(TimeValue.ofSeconds(1)))
			.withDefaultRequestConfigCustomizer((request) -> request.setConnectionRequestTimeout(CONNECTION_WAIT))
			// a proxy: which calls may be tried again, and on which instance, is BackendFailures'
			// decision; cookies are the client's business (and dropped, IdentityTokenRelay);
			// a compressed answer passes through as it is
			.withHttpClientCustomizer((client) -> client.disableAutomaticRetries()
				.disableCookieManagement()
				.disableContentCompression()
				.evictIdleConnections(MAX_IDLE));
	}

	/** The long polls' client: non-blocking, HTTP/1.1, its own pool with the same limits and timeouts. */
	@Bean(destroyMethod = "close")
	CloseableHttpAsyncClient longPollClient(@Value("${spring.http.clients.connect-timeout}") Duration connectTimeout,
			@Value("${spring.http.clients.read-timeout}") Duration readTimeout) {
		CloseableHttpAsyncClient client = HttpAsyncClients.custom()
			.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(MAX_CONNECTIONS_PER_INSTANCE)
				.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(connectTimeout))
					.setSocketTimeout(Timeout.of(readTimeout))
					.setValidateAfterInactivity(TimeValue.ofSeconds(1))
					.build())
				.setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(CONNECTION_WAIT)
				.setResponseTimeout(Timeout.of(readTimeout))
				.build())
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableRedirectHandling()
			.evictIdleConnections(MAX_IDLE)
			.build();
		client.start();
		return client;
	}
}
