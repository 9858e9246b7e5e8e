package io.webchat.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person at the gateway, as a browser would be: an HTTP client with its own cookie jar
 * (the WEBCHAT_SESSION and XSRF-TOKEN cookies) that does not follow redirects, so that a test
 * sees the login's 302 itself.
 * <p>
 * Given more gateways ({@link #alsoThrough}), it sends its requests to them in turn, as a
 * round-robin load balancer in front of them would, with the same cookies (they name the host,
 * not the port), and like one it tries the next gateway when one refuses the connection.
 */
final class GatewayUser {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF_FIELD = Pattern.compile(
			"<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private final List<URI> gateways = new CopyOnWriteArrayList<>();

	private final AtomicInteger turn = new AtomicInteger();

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	private GatewayUser(URI gateway) {
		this.gateways.add(gateway);
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(this.cookies)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** Someone who has not logged in. */
	static GatewayUser anonymous(URI gateway) {
		return new GatewayUser(gateway);
	}

	/** Logs in through the form and fails the test unless the gateway answers 302 to {@code /}. */
	static GatewayUser loggedIn(URI gateway, String username, String password) {
		GatewayUser user = new GatewayUser(gateway);
		HttpResponse<String> login = user.submitLogin(username, password);
		assertThat(login.statusCode()).as("login of %s: %s", username, login.body()).isEqualTo(302);
		assertThat(gateway.resolve(login.headers().firstValue("Location").orElse("")).getPath())
			.as("where the login of %s leads", username)
			.isEqualTo("/");
		assertThat(user.cookie("WEBCHAT_SESSION")).as("session cookie of %s", username).isPresent();
		// Any GET gives the XSRF-TOKEN cookie that POSTs must echo.
		HttpResponse<String> me = user.get("/api/accounts/me");
		assertThat(me.statusCode()).as("GET /api/accounts/me of %s: %s", username, me.body()).isEqualTo(200);
		return user;
	}

	/** From now on, requests go to this gateway and the ones before in turn. */
	GatewayUser alsoThrough(URI gateway) {
		this.gateways.add(gateway);
		return this;
	}

	/** GET /login for the form's CSRF token, then POST the form; returns the POST's answer. */
	HttpResponse<String> submitLogin(String username, String password) {
		HttpResponse<String> page = get("/login");
		assertThat(page.statusCode()).as("GET /login").isEqualTo(200);
		Matcher field = CSRF_FIELD.matcher(page.body());
		assertThat(field.find()).as("a hidden _csrf field in the login form:%n%s", page.body()).isTrue();
		String csrf = (field.group(1) != null) ? field.group(1) : field.group(2);
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
		return send("/login", (url) -> HttpRequest.newBuilder(url)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	HttpResponse<String> get(String path) {
		return send(path, (url) -> HttpRequest.newBuilder(url).GET());
	}

	/** A POST of JSON with the X-XSRF-TOKEN header, as the page sends it. */
	HttpResponse<String> postJson(String path, String json) {
		return send(path, (url) -> withCsrf(withJson(url, "POST", json)));
	}

	/** A PUT of JSON with the X-XSRF-TOKEN header, as the page sends it. */
	HttpResponse<String> putJson(String path, String json) {
		return send(path, (url) -> withCsrf(withJson(url, "PUT", json)));
	}

	/** The same POST without the CSRF header, as a forged cross-site request would arrive. */
	HttpResponse<String> postJsonWithoutCsrfHeader(String path, String json) {
		return send(path, (url) -> withJson(url, "POST", json));
	}

	/** Sends a message and fails the test unless the gateway answers 201. */
	JsonNode sendMessage(long to, String type, String text) {
		return sendMessage(to, type, text, null);
	}

	/** Sends a message with the page's idempotency key and fails the test unless it is stored (201 or 200). */
	JsonNode sendMessage(long to, String type, String text, String clientMessageId) {
		HttpResponse<String> response = postJson("/api/chat/messages", messageJson(to, type, text, clientMessageId));
		assertThat(response.statusCode()).as("send to %s %d: %s", type, to, response.body()).isIn(200, 201);
		if (clientMessageId == null) {
			assertThat(response.statusCode()).as("a send without clientMessageId is always new").isEqualTo(201);
		}
		return JSON.readTree(response.body());
	}

	static String messageJson(long to, String type, String text, String clientMessageId) {
		var message = JSON.createObjectNode().put("to", to).put("type", type).put("msg", text);
		if (clientMessageId != null) {
			message.put("clientMessageId", clientMessageId);
		}
		return JSON.writeValueAsString(message);
	}

	/** Registers a new client, as a page does when it loads: one tab. */
	ChatClient openClient() {
		HttpResponse<String> response = postJson("/api/chat/clients", "");
		assertThat(response.statusCode()).as("POST /api/chat/clients: %s", response.body()).isEqualTo(201);
		return new ChatClient(this, JSON.readTree(response.body()));
	}

	/** Marks a conversation ({@code single:2}, {@code group:1}) read, as opening it on the page does. */
	void markRead(String conversation) {
		HttpResponse<String> response = send("/api/chat/conversations/" + conversation + "/read-marker",
				(url) -> withCsrf(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.noBody())));
		assertThat(response.statusCode()).as("PUT read-marker of %s: %s", conversation, response.body()).isEqualTo(204);
	}

	/** The unread count of one conversation, as the server keeps it (0 when it has none). */
	long unread(String conversation) {
		JsonNode counts = getJson("/api/chat/unread");
		return counts.has(conversation) ? counts.get(conversation).asLong() : 0;
	}

	HttpResponse<String> delete(String path) {
		return send(path, (url) -> withCsrf(HttpRequest.newBuilder(url).DELETE()));
	}

	/**
	 * A GET that returns at once; the future completes when the server answers. The client
	 * waits well beyond a long poll's own timeout, so a silent server shows as a failure.
	 */
	CompletableFuture<HttpResponse<String>> getAsync(String path, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(url(path))
			.timeout(timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	JsonNode getJson(String path) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	long id() {
		return getJson("/api/accounts/me").get("id").asLong();
	}

	Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/** {@code path} at the gateway whose turn it is. */
	URI url(String path) {
		return nextGateway().resolve(path);
	}

	private URI nextGateway() {
		return this.gateways.get(Math.floorMod(this.turn.getAndIncrement(), this.gateways.size()));
	}

	private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
		String token = cookie("XSRF-TOKEN").orElseThrow(() -> new AssertionError("No XSRF-TOKEN cookie yet"));
		return request.header("X-XSRF-TOKEN", token);
	}

	private static HttpRequest.Builder withJson(URI url, String method, String json) {
		return HttpRequest.newBuilder(url)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json));
	}

	/**
	 * Sends the request to the gateway whose turn it is; a refused connection never reached
	 * anybody, so it goes to the next gateway then, until each has refused once.
	 */
	private HttpResponse<String> send(String path, Function<URI, HttpRequest.Builder> request) {
		for (int refused = 1;; refused++) {
			URI gateway = nextGateway();
			try {
				return this.http.send(request.apply(gateway.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (ConnectException ex) {
				if (refused >= this.gateways.size()) {
					throw new GatewayUnreachable(gateway, ex);
				}
			}
			catch (IOException ex) {
				throw new GatewayUnreachable(gateway, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** No HTTP answer from {@code gateway}: the connection was refused, broke, or timed out. */
	static final class GatewayUnreachable extends UncheckedIOException {

		private final URI gateway;

		GatewayUnreachable(URI gateway, IOException cause) {
			super(gateway + ": " + cause, cause);
			this.gateway = gateway;
		}

		URI gateway() {
			return this.gateway;
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
