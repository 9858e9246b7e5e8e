package io.webchat.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Talks to the gateway's real port the way a browser does: it keeps cookies (session and
 * XSRF-TOKEN) but, unlike a browser, does not follow redirects, so that tests see them.
 */
final class BrowserLikeClient {

	static final String XSRF_COOKIE = "XSRF-TOKEN";

	static final String XSRF_HEADER = "X-XSRF-TOKEN";

	static final String SESSION_COOKIE = "WEBCHAT_SESSION";

	private static final Pattern HIDDEN_CSRF_INPUT = Pattern
		.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private final URI base;

	private final CookieManager cookies;

	private final HttpClient http;

	BrowserLikeClient(int port) {
		this(URI.create("http://localhost:" + port), new CookieManager(null, CookiePolicy.ACCEPT_ALL), null);
	}

	private BrowserLikeClient(URI base, CookieManager cookies, InetAddress localAddress) {
		this.base = base;
		this.cookies = cookies;
		HttpClient.Builder http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(this.cookies)
			.connectTimeout(Duration.ofSeconds(5));
		if (localAddress != null) {
			http.localAddress(localAddress);
		}
		this.http = http.build();
	}

	/**
	 * A browser on another machine, as the gateway sees it: its connections come from
	 * {@code loopbackAddress} (any of 127.0.0.0/8, all of which are this host's).
	 */
	static BrowserLikeClient from(String loopbackAddress, int port) {
		try {
			return new BrowserLikeClient(URI.create("http://127.0.0.1:" + port),
					new CookieManager(null, CookiePolicy.ACCEPT_ALL), InetAddress.getByName(loopbackAddress));
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	HttpRequest.Builder request(String pathAndQuery) {
		// concatenated, not resolved: URI.resolve would remove "../" segments a test sends on purpose
		return HttpRequest.newBuilder(URI.create(this.base + pathAndQuery)).timeout(Duration.ofSeconds(15));
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> get(String pathAndQuery) {
		return send(request(pathAndQuery).GET());
	}

	/** A JSON POST that echoes the XSRF-TOKEN cookie in X-XSRF-TOKEN, as the chat page does. */
	HttpResponse<String> postJsonWithXsrfHeader(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.header(XSRF_HEADER, xsrfToken().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie yet")))
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** A POST without a body (a logout, a client registration), with the XSRF header as the page sends it. */
	/** The same browser, with the same cookies, talking to another gateway instance on this host. */
	BrowserLikeClient at(int port) {
		return new BrowserLikeClient(URI.create("http://localhost:" + port), this.cookies, null);
	}

	HttpResponse<String> putJsonWithXsrfHeader(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.header(XSRF_HEADER, xsrfToken().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie yet")))
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> postWithXsrfHeaderAndNoBody(String path) {
		return send(request(path)
			.header(XSRF_HEADER, xsrfToken().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie yet")))
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> postJsonWithoutXsrfHeader(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** Opens the login page and submits its form, with the hidden CSRF field the page carries. */
	HttpResponse<String> logIn(String username, String password) {
		HttpResponse<String> page = get("/login");
		if (page.statusCode() != 200) {
			throw new AssertionError("GET /login answered " + page.statusCode());
		}
		String form = formEncode(Map.of("username", username, "password", password, "_csrf", hiddenCsrfField(page.body())));
		return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	static String hiddenCsrfField(String html) {
		Matcher matcher = HIDDEN_CSRF_INPUT.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("the login page has no hidden _csrf input:\n" + html);
		}
		return (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
	}

	Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name) && !cookie.hasExpired())
			.map(HttpCookie::getValue)
			.filter((value) -> !value.isEmpty())
			.findFirst();
	}

	Optional<String> xsrfToken() {
		return cookie(XSRF_COOKIE);
	}

	Optional<String> sessionId() {
		return cookie(SESSION_COOKIE);
	}

	/** A session cookie the client did not get from the gateway, as an attacker would plant it. */
	void plantSessionCookie(String sessionId) {
		HttpCookie planted = new HttpCookie(SESSION_COOKIE, sessionId);
		planted.setPath("/");
		planted.setVersion(0);
		this.cookies.getCookieStore().add(this.base.resolve("/"), planted);
	}

	private static String formEncode(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}
}
