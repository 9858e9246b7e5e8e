package io.webchat.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.http.HttpHeaders;

/**
 * A real HTTP server on a free loopback port that stands in for one backend service: it records
 * every request that reaches it (method, path, headers, body) and answers through a
 * {@link Responder}.
 */
final class FakeBackend implements AutoCloseable {

	/** What the backend saw; header names are case-insensitive. */
	record RecordedRequest(String method, String pathAndQuery, HttpHeaders headers, String body) {

		String path() {
			int query = this.pathAndQuery.indexOf('?');
			return (query < 0) ? this.pathAndQuery : this.pathAndQuery.substring(0, query);
		}

	}

	record Response(int status, String contentType, String body) {

		static Response json(String body) {
			return new Response(200, "application/json", body);
		}

	}

	@FunctionalInterface
	interface Responder {

		Response respond(RecordedRequest request);

	}

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private FakeBackend(String name, int port, Responder responder) {
		this.name = name;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> handle(exchange, responder));
		this.server.setExecutor(this.executor);
	}

	static FakeBackend start(String name, Responder responder) {
		return startOn(0, name, responder);
	}

	/** On a given port (0 for any free one): an instance that comes back where it was. */
	static FakeBackend startOn(int port, String name, Responder responder) {
		FakeBackend backend = new FakeBackend(name, port, responder);
		backend.server.start();
		return backend;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** A loopback port free a moment ago: a backend that is configured but not running. */
	static int portWithNobodyListening() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange, Responder responder) throws IOException {
		try (exchange) {
			HttpHeaders headers = new HttpHeaders();
			exchange.getRequestHeaders().forEach(headers::addAll);
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
					exchange.getRequestURI().getRawPath()
							+ ((exchange.getRequestURI().getRawQuery() != null)
									? "?" + exchange.getRequestURI().getRawQuery() : ""),
					HttpHeaders.readOnlyHttpHeaders(headers), body);
			// recorded before answering, so a test that has the gateway's answer can read it
			this.requests.add(request);
			Response response = responder.respond(request);
			byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", response.contentType());
			exchange.sendResponseHeaders(response.status(), (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		}
	}

	String name() {
		return this.name;
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	List<RecordedRequest> requestsTo(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	void forgetRequests() {
		this.requests.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return this.name + " at " + url();
	}
}
