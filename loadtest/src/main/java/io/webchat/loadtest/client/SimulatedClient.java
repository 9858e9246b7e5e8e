package io.webchat.loadtest.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.webchat.loadtest.fixture.BulkFixture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user with one open page, speaking the protocol of docs/delivery.md through the gateway:
 * JSON login (session and CSRF cookies), one registered client, and a poll loop that always
 * has one long poll open — on a connection of its own — and acknowledges each batch with the
 * next poll.
 */
public final class SimulatedClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String JSON_BODY = "Content-Type: application/json\r\n";

	private final long userId;

	private String identity;

	private String clientId;

	private String ack;

	private volatile HttpConnection pollConnection;

	public SimulatedClient(long userId) {
		this.userId = userId;
	}

	public long userId() {
		return this.userId;
	}

	public void logIn(HttpConnections gateway) throws IOException {
		String body = "{\"username\":\"" + BulkFixture.username(this.userId) + "\",\"password\":\""
				+ BulkFixture.PASSWORD + "\"}";
		HttpConnection.Response response = gateway.exchange("POST", "/api/session", JSON_BODY,
				body.getBytes(StandardCharsets.UTF_8), 30_000);
		require(response, 200, "log in");
		String session = null;
		String csrfToken = null;
		for (String setCookie : response.setCookies()) {
			String pair = setCookie.split(";", 2)[0];
			if (pair.startsWith("WEBCHAT_SESSION=")) {
				session = pair;
			}
			else if (pair.startsWith("XSRF-TOKEN=")) {
				csrfToken = pair.substring("XSRF-TOKEN=".length());
			}
		}
		if (session == null || csrfToken == null) {
			throw new IOException("Login of user " + this.userId + " set no session or no XSRF-TOKEN cookie: "
					+ response.setCookies());
		}
		this.identity = "Cookie: " + session + "; XSRF-TOKEN=" + csrfToken + "\r\nX-XSRF-TOKEN: " + csrfToken + "\r\n";
	}

	public void register(HttpConnections gateway) throws IOException {
		HttpConnection.Response response = gateway.exchange("POST", "/api/chat/clients", this.identity, null, 30_000);
		require(response, 201, "register a client");
		this.clientId = JSON.readTree(response.body()).get("clientId").asString();
	}

	/** One long poll; hands every message copy to {@code tracker}. Returns the HTTP status (299: resync). */
	public int poll(HttpConnections gateway, int timeoutSeconds, DeliveryTracker tracker) throws IOException {
		String path = "/api/chat/clients/" + this.clientId + "/events?timeout=" + timeoutSeconds
				+ ((this.ack != null) ? "&ack=" + this.ack : "");
		if (this.pollConnection == null || !this.pollConnection.isReusable()) {
			this.pollConnection = gateway.open();
		}
		HttpConnection.Response response;
		try {
			response = this.pollConnection.exchange("GET", path, this.identity, null, (timeoutSeconds + 20) * 1000);
		}
		catch (IOException | RuntimeException ex) {
			closePoll();
			throw ex;
		}
		if (response.status() != 200) {
			return response.status();
		}
		long now = System.nanoTime();
		JsonNode batch = JSON.readTree(response.body());
		for (JsonNode event : batch.path("events")) {
			if ("message".equals(event.path("type").asString())) {
				JsonNode message = event.get("message");
				String text = message.path("msg").asString();
				if (message.path("from").asLong() == this.userId) {
					tracker.echo();
				}
				else if (text.startsWith("lt ")) {
					tracker.delivered(Long.parseLong(text.substring(3)), this.userId, now);
				}
			}
		}
		JsonNode batchId = batch.get("batchId");
		if (batchId != null && !batchId.isNull()) {
			this.ack = batchId.asString();
		}
		return batch.path("resync").asBoolean() ? 299 : 200;
	}

	/** Sends message {@code number}; returns the HTTP status. */
	public int send(HttpConnections gateway, String type, long to, long number) throws IOException {
		// as the page does: the sending client has its copy from the answer, not from its poll
		String body = "{\"to\":" + to + ",\"type\":\"" + type + "\",\"msg\":\"lt " + number
				+ "\",\"clientMessageId\":\"lt-" + number + "\",\"clientId\":\"" + this.clientId + "\"}";
		return gateway
			.exchange("POST", "/api/chat/messages", this.identity + JSON_BODY, body.getBytes(StandardCharsets.UTF_8),
					30_000)
			.status();
	}

	/** As the page does when it opens a conversation's window: its newest messages. */
	public void openConversation(HttpConnections gateway, long friendId) throws IOException {
		HttpConnection.Response response = gateway.exchange("GET",
				"/api/chat/conversations/single:" + friendId + "/messages?limit=50", this.identity, null, 30_000);
		require(response, 200, "read the history with user " + friendId);
	}

	/**
	 * The user closes the page and logs out: the client is deleted (the user is offline at once
	 * if it was their last) and the session ends. The poll waiting meanwhile is cut.
	 */
	public void leave(HttpConnections gateway) throws IOException {
		closePoll();
		require(gateway.exchange("DELETE", "/api/chat/clients/" + this.clientId, this.identity, null, 30_000), 204,
				"close the client");
		require(gateway.exchange("POST", "/logout", this.identity, null, 30_000), 302, "log out");
		forget();
	}

	/**
	 * The page vanishes without a word (a crashed tab, a laptop lid closed): its connection is
	 * dropped, and the client and the session are left for the server to expire.
	 */
	public void vanish() {
		closePoll();
		forget();
	}

	private void forget() {
		this.identity = null;
		this.clientId = null;
		this.ack = null;
	}

	public void closePoll() {
		if (this.pollConnection != null) {
			this.pollConnection.close();
			this.pollConnection = null;
		}
	}

	private void require(HttpConnection.Response response, int status, String what) throws IOException {
		if (response.status() != status) {
			throw new IOException("Could not " + what + " as user " + this.userId + ": HTTP " + response.status() + " "
					+ response.bodyText());
		}
	}
}
