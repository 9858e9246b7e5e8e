package io.webchat.gateway.routing;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.RemoveHopByHopRequestHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Forwards a long poll without holding a thread while it waits. The routes' proxy is blocking:
 * a waiting poll parked a virtual thread, and its stack (the whole servlet filter chain) stayed
 * on the heap, 179 MB for 5,000 waiting polls. Here the request goes asynchronous in the
 * servlet container, the backend call runs on the non-blocking {@link CloseableHttpAsyncClient},
 * and a thread is only needed again to write the answer.
 *
 * <p>It keeps the blocking route's behaviour: the same request header filters (identity relay
 * before it, forwarded headers, hop-by-hop removal), round-robin over the chat-service
 * instances, another instance when one cannot be reached (a poll may run twice: it answers the
 * batch not yet acknowledged), and 503 with {@code Retry-After} when none answers.
 */
final class LongPollForwarding implements HandlerFunction<ServerResponse> {

	private static final Logger logger = LoggerFactory.getLogger(LongPollForwarding.class);

	/** Framing and hop-by-hop headers of the backend's answer; the servlet container frames its own. */
	private static final Set<String> RESPONSE_HEADERS_NOT_PASSED_ON = headersNotPassedOn();

	private final String serviceId;

	private final int retries;

	private final LoadBalancerClient loadBalancer;

	private final ObjectProvider<RequestHttpHeadersFilter> requestHeaderFilters;

	private final CloseableHttpAsyncClient client;

	private final Duration asyncTimeout;

	/** Retries choose an instance, which may resolve a host name: never on the client's I/O threads. */
	private final Executor retryExecutor = (retry) -> Thread.ofVirtual().name("long-poll-retry").start(retry);

	/**
	 * @param readTimeout the client's response timeout; the servlet request is given a little
	 *        longer, so that a silent instance is answered with this class's 503, not the container's
	 */
	LongPollForwarding(String serviceId, int retries, LoadBalancerClient loadBalancer,
			ObjectProvider<RequestHttpHeadersFilter> requestHeaderFilters, CloseableHttpAsyncClient client,
			Duration readTimeout) {
		this.serviceId = serviceId;
		this.retries = retries;
		this.loadBalancer = loadBalancer;
		this.requestHeaderFilters = requestHeaderFilters;
		this.client = client;
		this.asyncTimeout = readTimeout.plusSeconds(5);
	}

	/**
	 * What a try needs of the client's request, read on the request's own thread: once it has
	 * gone asynchronous, the servlet request is not to be read from another.
	 */
	private record Poll(URI uri, String path, HttpHeaders headers) {
	}

	@Override
	public ServerResponse handle(ServerRequest request) {
		Poll poll = new Poll(request.uri(), request.path(), forwardedHeaders(request));
		return ServerResponse.async(forward(poll, 0), this.asyncTimeout);
	}

	private HttpHeaders forwardedHeaders(ServerRequest request) {
		HttpHeaders headers = request.headers().asHttpHeaders();
		for (RequestHttpHeadersFilter filter : this.requestHeaderFilters.orderedStream().toList()) {
			headers = filter.apply(headers, request);
		}
		HttpHeaders forwarded = new HttpHeaders();
		forwarded.addAll(headers);
		// the client sets the instance's own host and frames the (bodiless) request itself
		forwarded.remove(HttpHeaders.HOST);
		forwarded.remove(HttpHeaders.CONTENT_LENGTH);
		forwarded.remove(HttpHeaders.TRANSFER_ENCODING);
		return forwarded;
	}

	private CompletableFuture<ServerResponse> forward(Poll poll, int attempt) {
		ServiceInstance instance = this.loadBalancer.choose(this.serviceId);
		if (instance == null) {
			logger.warn("no {} instance to forward {} to", this.serviceId, poll.path());
			return CompletableFuture.completedFuture(BackendFailures.serviceUnavailable(this.serviceId));
		}
		SimpleRequestBuilder backendRequest = SimpleRequestBuilder.get(this.loadBalancer.reconstructURI(instance, poll.uri()));
		poll.headers().forEach((name, values) -> values.forEach((value) -> backendRequest.addHeader(name, value)));
		return send(backendRequest.build()).thenApply(LongPollForwarding::toServerResponse)
			.exceptionallyComposeAsync((failure) -> afterFailure(poll, attempt, failure), this.retryExecutor);
	}

	private CompletableFuture<SimpleHttpResponse> send(SimpleHttpRequest request) {
		CompletableFuture<SimpleHttpResponse> answer = new CompletableFuture<>();
		this.client.execute(request, new FutureCallback<>() {

			@Override
			public void completed(SimpleHttpResponse response) {
				answer.complete(response);
			}

			@Override
			public void failed(Exception ex) {
				answer.completeExceptionally(ex);
			}

			@Override
			public void cancelled() {
				answer.cancel(false);
			}

		});
		return answer;
	}

	/**
	 * Another instance when this one could not be reached or dropped the connection; a 503 when
	 * retries are used up or the instance took the whole read timeout (trying another would keep
	 * the client waiting that long again).
	 */
	private CompletableFuture<ServerResponse> afterFailure(Poll poll, int attempt, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (!(cause instanceof IOException || cause instanceof TimeoutException)) {
			return CompletableFuture.failedFuture(cause);
		}
		boolean answerTimedOut = cause instanceof SocketTimeoutException && !(cause instanceof ConnectTimeoutException);
		if (answerTimedOut || attempt >= this.retries) {
			logger.warn("{} did not answer {} ({} tries): {}", this.serviceId, poll.path(), attempt + 1,
					cause.toString());
			return CompletableFuture.completedFuture(BackendFailures.serviceUnavailable(this.serviceId));
		}
		logger.debug("{} did not answer {} (try {}), trying again: {}", this.serviceId, poll.path(), attempt + 1,
				cause.toString());
		return forward(poll, attempt + 1);
	}

	private static ServerResponse toServerResponse(SimpleHttpResponse response) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(response.getCode());
		for (Header header : response.getHeaders()) {
			if (!RESPONSE_HEADERS_NOT_PASSED_ON.contains(header.getName().toLowerCase(Locale.ROOT))) {
				builder.header(header.getName(), header.getValue());
			}
		}
		byte[] body = response.getBodyBytes();
		return (body != null && body.length > 0) ? builder.body(body) : builder.build();
	}

	private static Set<String> headersNotPassedOn() {
		return Set.copyOf(Stream
			.concat(RemoveHopByHopRequestHeadersFilter.HEADERS_REMOVED_ON_REQUEST.stream(), Stream.of("content-length"))
			.map((name) -> name.toLowerCase(Locale.ROOT))
			.toList());
	}
}
