package io.webchat.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the services are.
 *
 * @param accountServiceUrl base URL of account-service
 * @param chatServiceUrls base URLs of the chat-service instances; a host name that resolves to
 *        several addresses (compose's {@code --scale}) counts as one instance per address
 * @param chatPollMaxTimeout the longest a chat-service long poll may wait; the backend response
 *        timeout ({@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}) must
 *        exceed it, or the gateway would cut polls short
 * @param maxRequestBody the largest API request body accepted
 * @param sessionTouchInterval how long a login is answered from the instance's memory before
 *        its session is read from Redis again, which also moves the session's expiry on; must be
 *        shorter than the session timeout, and a session expires up to this much early
 * @param maxConcurrentCalls how many API calls other than long polls this instance works on at
 *        once; one more is refused with a 503 at once rather than queued ({@code ConcurrentCallLimit})
 * @param maxWaitingPolls how many long polls this instance holds open at once; one more is
 *        refused with a 503 at once, which bounds the heap they take (about 40 KB each)
 * @param maxConnections how many client connections this instance holds open at once; one more is
 *        closed as soon as it is accepted ({@code ConnectionLimits}), and the bound is lowered to
 *        what the process's file descriptor limit can serve
 * @param requestReadTimeout how long a client may take to send a request's headers (from the
 *        connection's opening, or from the request's first byte on a kept-alive connection), and
 *        then its body; past it the connection is closed. It does not run while the request is
 *        answered, so a long poll may wait longer
 */
@ConfigurationProperties("webchat.gateway")
public record GatewayProperties(@DefaultValue("http://localhost:8081") URI accountServiceUrl,
		@DefaultValue("http://localhost:8082") List<URI> chatServiceUrls, @DefaultValue("25s") Duration chatPollMaxTimeout,
		@DefaultValue("64KB") DataSize maxRequestBody, @DefaultValue("5m") Duration sessionTouchInterval,
		@DefaultValue("256") int maxConcurrentCalls, @DefaultValue("10000") int maxWaitingPolls,
		@DefaultValue("12000") int maxConnections, @DefaultValue("5s") Duration requestReadTimeout) {

	public GatewayProperties {
		if (maxConcurrentCalls < 1 || maxWaitingPolls < 1) {
			throw new IllegalArgumentException(
					"webchat.gateway.max-concurrent-calls and webchat.gateway.max-waiting-polls must be at least 1");
		}
		if (maxConnections < 1 || requestReadTimeout.isNegative() || requestReadTimeout.isZero()) {
			throw new IllegalArgumentException(
					"webchat.gateway.max-connections must be at least 1 and webchat.gateway.request-read-timeout positive");
		}
	}
}
