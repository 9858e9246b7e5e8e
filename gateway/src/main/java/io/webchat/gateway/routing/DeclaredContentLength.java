package io.webchat.gateway.routing;

import org.springframework.cloud.gateway.server.mvc.filter.RemoveContentLengthRequestHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Forwards a request with the body length its client declared, in place of Spring Cloud
 * Gateway's filter that drops {@code Content-Length} (a route filter might rewrite the body;
 * none of ours does). Without a length every forwarded body went out chunked, and with the
 * gateway on Jetty even a poll or a client registration, as an empty chunked body. A service
 * that answers without reading a body it does not expect closes the connection if that body's
 * last chunk has not arrived yet, and the next request the gateway sent on the pooled
 * connection failed with a broken pipe.
 *
 * <p>An API request has either a declared length or no body: {@code RequestBodyLimitFilter}
 * refuses a chunked one. Anything else still goes out chunked.
 */
final class DeclaredContentLength extends RemoveContentLengthRequestHeadersFilter {

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
		if (input.containsHeader(HttpHeaders.TRANSFER_ENCODING)
				|| !request.servletRequest().getProtocol().startsWith("HTTP/1.")) {
			return super.apply(input, request);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(input);
		headers.setContentLength(Math.max(0, request.servletRequest().getContentLengthLong()));
		return headers;
	}
}
