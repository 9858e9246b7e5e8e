package io.webchat.loadtest.flood;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.webchat.loadtest.fixture.BulkFixture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logged-in user with the chat page open: one connection that long-polls, one for everything
 * else, both kept alive like a browser's, and opened again when the gateway closes one.
 */
final class PageUser implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private final long userId;

	private final int port;

	private String identity;

	private String clientId;

	private String ack;

	private WireConnection calls;

	private WireConnection polls;

	PageUser(long userId, int port) {
		this.userId = userId;
		this.port = port;
	}

	long userId() {
		return this.userId;
	}

	void logInAndRegister() throws IOException {
		WireConnection.Answer login = call("POST", "/api/session", "Content-Type: application/json\r\n",
				"{\"username\":\"" + BulkFixture.username(this.userId) + "\",\"password\":\"" + BulkFixture.PASSWORD
						+ "\"}");
		if (login.status() != 200) {
			throw new IOException("login of user " + this.userId + ": HTTP " + login.status());
		}
		String session = null;
		String xsrf = null;
		for (String cookie : login.setCookies()) {
			String pair = cookie.split(";", 2)[0];
			if (pair.startsWith("WEBCHAT_SESSION=")) {
				session = pair;
			}
			else if (pair.startsWith("XSRF-TOKEN=")) {
				xsrf = pair.substring("XSRF-TOKEN=".length());
			}
		}
		if (session == null || xsrf == null) {
			throw new IOException("login of user " + this.userId + " set no session or XSRF cookie");
		}
		this.identity = "Cookie: " + session + "; XSRF-TOKEN=" + xsrf + "\r\nX-XSRF-TOKEN: " + xsrf + "\r\n";
		WireConnection.Answer registered = call("POST", "/api/chat/clients", this.identity, null);
		if (registered.status() != 201) {
			throw new IOException("client registration of user " + this.userId + ": HTTP " + registered.status());
		}
		this.clientId = JSON.readTree(registered.body()).get("clientId").asString();
	}

	/** Sends message {@code text} with a client message id, so that a retry is not a second message. */
	int send(long to, String text, String clientMessageId) throws IOException {
		String body = "{\"to\":" + to + ",\"type\":\"single\",\"msg\":\"" + text + "\",\"clientMessageId\":\""
				+ clientMessageId + "\",\"clientId\":\"" + this.clientId + "\"}";
		return call("POST", "/api/chat/messages", this.identity + "Content-Type: application/json\r\n", body).status();
	}

	/** One long poll: the texts of the messages it brought, or null when it was not a 200. */
	List<String> poll(int timeoutSeconds) throws IOException {
		String path = "/api/chat/clients/" + this.clientId + "/events?timeout=" + timeoutSeconds
				+ ((this.ack != null) ? "&ack=" + this.ack : "");
		if (this.polls == null) {
			this.polls = WireConnection.open(this.port, CONNECT_TIMEOUT_MILLIS);
		}
		WireConnection.Answer answer;
		try {
			answer = this.polls.exchange("GET", path, this.identity, null, (timeoutSeconds + 20) * 1000);
		}
		catch (IOException ex) {
			this.polls.close();
			this.polls = null;
			throw ex;
		}
		if (answer.status() != 200) {
			return null;
		}
		JsonNode batch = JSON.readTree(answer.body());
		List<String> texts = new ArrayList<>();
		for (JsonNode event : batch.path("events")) {
			if ("message".equals(event.path("type").asString())) {
				texts.add(event.path("message").path("msg").asString());
			}
		}
		JsonNode batchId = batch.get("batchId");
		if (batchId != null && !batchId.isNull()) {
			this.ack = batchId.asString();
		}
		return texts;
	}

	private WireConnection.Answer call(String method, String path, String headers, String body) throws IOException {
		if (this.calls == null) {
			this.calls = WireConnection.open(this.port, CONNECT_TIMEOUT_MILLIS);
		}
		try {
			return this.calls.exchange(method, path, headers, body, 30_000);
		}
		catch (IOException ex) {
			this.calls.close();
			this.calls = null;
			throw ex;
		}
	}

	@Override
	public void close() {
		if (this.calls != null) {
			this.calls.close();
		}
		if (this.polls != null) {
			this.polls.close();
		}
	}
}
