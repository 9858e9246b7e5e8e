package io.webchat.gateway.system;

import java.io.IOException;

import io.webchat.problem.ProblemResponses;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized API bodies at the door, before a session is loaded or a byte is forwarded:
 * no API call needs more than a message of 4,000 characters. A body without a declared length
 * could not be measured before forwarding, so one is required.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final GatewayProperties properties;

	RequestBodyLimitFilter(GatewayProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = this.properties.maxRequestBody().toBytes();
		if (request.getContentLengthLong() > limit) {
			ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
			return;
		}
		if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
			ProblemResponses.write(response, HttpStatus.LENGTH_REQUIRED, "Send the request body with a Content-Length.");
			return;
		}
		chain.doFilter(request, response);
	}
}
