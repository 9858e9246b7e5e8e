package io.webchat.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person at the gateway, as a browser would be: an HTTP client with its own cookie jar
 * (the WEBCHAT_SESSION and XSRF-TOKEN cookies) that does not follow redirects, so that a test
 * sees the login's 302 itself.
 */
final class GatewayUser {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF_FIELD = Pattern.compile(
			"<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private final URI gateway;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	private GatewayUser(URI gateway) {
		this.gateway = gateway;
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
		assertThat(URI.create(gateway.toString()).resolve(login.headers().firstValue("Location").orElse("")).getPath())
			.as("where the login of %s leads", username)
			.isEqualTo("/");
		assertThat(user.cookie("WEBCHAT_SESSION")).as("session cookie of %s", username).isPresent();
		// Any GET gives the XSRF-TOKEN cookie that POSTs must echo.
		HttpResponse<String> me = user.get("/api/accounts/me");
		assertThat(me.statusCode()).as("GET /api/accounts/me of %s: %s", username, me.body()).isEqualTo(200);
		return user;
	}

	/** GET /login for the form's CSRF token, then POST the form; returns the POST's answer. */
	HttpResponse<String> submitLogin(String username, String password) {
		HttpResponse<String> page = get("/login");
		assertThat(page.statusCode()).as("GET /login").isEqualTo(200);
		Matcher field = CSRF_FIELD.matcher(page.body());
		assertThat(field.find()).as("a hidden _csrf field in the login form:%n%s", page.body()).isTrue();
		String csrf = (field.group(1) != null) ? field.group(1) : field.group(2);
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
		return send(HttpRequest.newBuilder(url("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(url(path)).GET());
	}

	/** A POST of JSON with the X-XSRF-TOKEN header, as the page sends it. */
	HttpResponse<String> postJson(String path, String json) {
		String token = cookie("XSRF-TOKEN").orElseThrow(() -> new AssertionError("No XSRF-TOKEN cookie yet"));
		return send(jsonPost(path, json).header("X-XSRF-TOKEN", token));
	}

	/** The same POST without the CSRF header, as a forged cross-site request would arrive. */
	HttpResponse<String> postJsonWithoutCsrfHeader(String path, String json) {
		return send(jsonPost(path, json));
	}

	/** Sends a message and fails the test unless the gateway answers 201. */
	JsonNode sendMessage(long to, String type, String text) {
		HttpResponse<String> response = postJson("/api/chat/messages",
				JSON.writeValueAsString(JSON.createObjectNode().put("to", to).put("type", type).put("msg", text)));
		assertThat(response.statusCode()).as("send to %s %d: %s", type, to, response.body()).isEqualTo(201);
		return JSON.readTree(response.body());
	}

	/**
	 * Starts a long poll and returns at once; the future completes when the server answers.
	 * The client waits well beyond the poll's own timeout, so a silent server shows as a failure.
	 */
	CompletableFuture<HttpResponse<String>> startPoll(int timeoutSeconds) {
		HttpRequest request = HttpRequest.newBuilder(url("/api/chat/inbox?timeout=" + timeoutSeconds))
			.timeout(Duration.ofSeconds(timeoutSeconds + 20L))
			.header("Accept", "application/json")
			.GET()
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Takes every message that waits in the inbox, without waiting for more. */
	List<JsonNode> drainInbox() {
		List<JsonNode> drained = new ArrayList<>();
		while (true) {
			HttpResponse<String> response = get("/api/chat/inbox?timeout=0");
			assertThat(response.statusCode()).as("inbox with timeout=0: %s", response.body()).isEqualTo(200);
			JsonNode messages = JSON.readTree(response.body()).get("messages");
			if (messages.isEmpty()) {
				return drained;
			}
			messages.forEach(drained::add);
		}
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

	URI url(String path) {
		return this.gateway.resolve(path);
	}

	private HttpRequest.Builder jsonPost(String path, String json) {
		return HttpRequest.newBuilder(url(path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
