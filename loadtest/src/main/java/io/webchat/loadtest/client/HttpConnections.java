package io.webchat.loadtest.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pool of keep-alive connections to the gateway for calls that do not hold a connection of
 * their own (logins, sends). A connection idle longer than Tomcat's keep-alive timeout allows
 * is not reused; a call that finds its reused connection closed by the server before any
 * answer is made once more on a fresh one (safe: sends carry a clientMessageId).
 */
public final class HttpConnections {

	private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final String host;

	private final int port;

	private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

	private final LongAdder wireBytes = new LongAdder();

	public HttpConnections(URI base) {
		this.host = base.getHost();
		this.port = base.getPort();
	}

	HttpConnection open() throws IOException {
		return HttpConnection.open(this.host, this.port, this.wireBytes);
	}

	HttpConnection.Response exchange(String method, String path, String headers, byte[] body, int timeoutMillis)
			throws IOException {
		HttpConnection connection = this.idle.pollFirst();
		while (connection != null && connection.idleNanos() > MAX_IDLE_NANOS) {
			connection.close();
			connection = this.idle.pollFirst();
		}
		boolean reused = connection != null;
		if (connection == null) {
			connection = open();
		}
		try {
			HttpConnection.Response response = connection.exchange(method, path, headers, body, timeoutMillis);
			release(connection);
			return response;
		}
		catch (EOFException | SocketException ex) {
			connection.close();
			if (!reused) {
				throw ex;
			}
			HttpConnection fresh = open();
			try {
				HttpConnection.Response response = fresh.exchange(method, path, headers, body, timeoutMillis);
				release(fresh);
				return response;
			}
			catch (IOException | RuntimeException retryFailure) {
				fresh.close();
				throw retryFailure;
			}
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private void release(HttpConnection connection) {
		if (connection.isReusable()) {
			this.idle.offerFirst(connection);
		}
		else {
			connection.close();
		}
	}

	/** Bytes written and read by every connection made here, polls' own connections included. */
	long wireBytes() {
		return this.wireBytes.sum();
	}

	public void close() {
		HttpConnection connection;
		while ((connection = this.idle.pollFirst()) != null) {
			connection.close();
		}
	}
}
