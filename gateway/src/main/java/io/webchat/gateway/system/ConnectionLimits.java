package io.webchat.gateway.system;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.UnixOperatingSystemMXBean;
import io.webchat.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * What one gateway's HTTP server holds for its clients. At most
 * {@code webchat.gateway.max-connections} connections: one more is closed as soon as it is
 * accepted, before anything is read or allocated for it, so a flood is turned away at the cost
 * of an accept and a close instead of queueing in the kernel behind a process that ran out of
 * file descriptors. A client gets {@code webchat.gateway.request-read-timeout} to send a request's
 * headers ({@link RequestHeadDeadline}) and again to send its body (Reactor Netty's request
 * timeout); neither runs while a request is being answered, so a waiting long poll is not cut.
 * <p>
 * Every connection with a request in progress holds a second descriptor, its connection to the
 * service it is forwarded to, so the bound is lowered to half of the descriptors the process may
 * open, less some for everything else, when the configured one would not fit.
 */
@Component
class ConnectionLimits implements NettyServerCustomizer {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionLimits.class);

	/** Descriptors for everything but client connections and their forwarded requests. */
	static final long OTHER_DESCRIPTORS = 500;

	private final int maxConnections;

	private final Duration requestReadTimeout;

	ConnectionLimits(GatewayProperties properties) {
		this.maxConnections = fittingDescriptors(properties.maxConnections(), maxFileDescriptors());
		this.requestReadTimeout = properties.requestReadTimeout();
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.maxConnections(this.maxConnections)
			.requestTimeout(this.requestReadTimeout)
			.doOnChannelInit((observer, channel, remoteAddress) -> RequestHeadDeadline.install(channel,
					this.requestReadTimeout));
	}

	int maxConnections() {
		return this.maxConnections;
	}

	static int fittingDescriptors(int configured, long maxFileDescriptors) {
		long fitting = (maxFileDescriptors - OTHER_DESCRIPTORS) / 2;
		if (maxFileDescriptors <= 0 || configured <= fitting) {
			return configured;
		}
		int lowered = (int) Math.max(1, fitting);
		logger.warn("webchat.gateway.max-connections lowered from {} to {}: this process may open {} file descriptors, "
				+ "and every connection may need a second one to forward its request; raise the limit (ulimit -n) "
				+ "to accept more", configured, lowered, maxFileDescriptors);
		return lowered;
	}

	private static long maxFileDescriptors() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)
				? unix.getMaxFileDescriptorCount() : -1;
	}
}
