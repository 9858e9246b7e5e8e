package io.webchat.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.webchat.gateway.FakeBackend.RecordedRequest;
import io.webchat.gateway.FakeBackend.Response;
import io.webchat.gateway.session.SessionEndings;
import io.webchat.identity.IdentityTokenDecoders;
import io.webchat.identity.IdentityTokenProperties;
import io.webchat.testsupport.RedisTestService;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.FileSystemResource;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway on its real port, in front of small real HTTP servers that stand in for
 * account-service and two chat-service instances and record what reaches them. Sessions live in
 * the test Redis (logical database 13).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379/13}",
				"spring.session.data.redis.namespace=webchat-gateway-test:session", "spring.session.timeout=10m",
				"webchat.gateway.login-throttle.first-backoff=1m", "webchat.gateway.registration-limit.max-total=100" })
@Import(RedisTestService.class)
class GatewayIntegrationTest {

	private static final String ALICE_JSON = "{\"id\":1,\"username\":\"alice\",\"displayName\":\"Alice\"}";

	private static final String CAROL_JSON = "{\"id\":3,\"username\":\"carol\",\"displayName\":\"Carol\"}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final FakeBackend accountService = FakeBackend.start("account-service",
			GatewayIntegrationTest::answerAsAccountService);

	static final FakeBackend chatService1 = FakeBackend.start("chat-service-1",
			(request) -> answerAsChatService("chat-service-1", request));

	static final FakeBackend chatService2 = FakeBackend.start("chat-service-2",
			(request) -> answerAsChatService("chat-service-2", request));

	/** A long poll to this client waits at the chat-service instance until all of them have arrived. */
	private static final String WAITING_PATH = "/api/chat/clients/waiting/events";

	/** A long poll to this client is answered as chat-service answers a client it does not know. */
	private static final String UNKNOWN_CLIENT_PATH = "/api/chat/clients/expired/events";

	private static final String UNKNOWN_CLIENT_PROBLEM = "{\"type\":\"urn:webchat:problem:unknown-client\",\"status\":404}";

	private static final int WAITING_AT_ONCE = 40;

	private static final AtomicReference<CountDownLatch> waitingRequests = new AtomicReference<>();

	static final JwtDecoder chatServiceTokens = decoderFor("chat-service");

	static final JwtDecoder accountServiceTokens = decoderFor("account-service");

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("webchat.gateway.account-service-url", accountService::url);
		registry.add("webchat.gateway.chat-service-urls", () -> chatService1.url() + "," + chatService2.url());
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ReactiveSessionRepository<? extends Session> sessions;

	@Autowired
	SessionEndings sessionEndings;

	@BeforeEach
	void forgetEarlierRequests() {
		allBackends().forEach(FakeBackend::forgetRequests);
		waitingRequests.set(new CountDownLatch(WAITING_AT_ONCE));
		// failed logins of earlier tests (and runs) must not throttle this one
		this.redis.delete(this.redis.keys("gateway:login-failures:*"));
		this.redis.delete(this.redis.keys("gateway:registrations:*"));
	}

	@AfterAll
	static void stopBackends() {
		allBackends().forEach(FakeBackend::close);
	}

	/** account-service's password check: alice / alice-secret and carol / carol-secret are right, anything else is not. */
	private static Response answerAsAccountService(RecordedRequest request) {
		if (request.path().equals("/internal/credentials/check")) {
			JsonNode credentials = JSON.readTree(request.body());
			if ("broken".equals(credentials.path("username").asString())) {
				return new Response(500, "application/problem+json", "{\"status\":500}");
			}
			if ("alice".equals(credentials.path("username").asString())
					&& "alice-secret".equals(credentials.path("password").asString())) {
				return Response.json(ALICE_JSON);
			}
			if ("carol".equals(credentials.path("username").asString())
					&& "carol-secret".equals(credentials.path("password").asString())) {
				return Response.json(CAROL_JSON);
			}
			return new Response(401, "application/problem+json",
					"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
		}
		return Response.json("{\"service\":\"account-service\"}");
	}

	private static Response answerAsChatService(String instance, RecordedRequest request) {
		if (request.path().equals(WAITING_PATH)) {
			CountDownLatch arrivals = waitingRequests.get();
			arrivals.countDown();
			try {
				return Response.json("{\"allArrived\":" + arrivals.await(10, TimeUnit.SECONDS) + "}");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Response(500, "text/plain", "interrupted");
			}
		}
		if (request.path().equals(UNKNOWN_CLIENT_PATH)) {
			return new Response(404, "application/problem+json", UNKNOWN_CLIENT_PROBLEM);
		}
		return Response.json("{\"instance\":\"" + instance + "\"}");
	}

	private static JwtDecoder decoderFor(String audience) {
		return IdentityTokenDecoders.forService(new IdentityTokenProperties(TestIdentityKeys.ISSUER, audience,
				new FileSystemResource(TestIdentityKeys.TRUSTED.publicKey()), java.util.List.of(), null, Duration.ofSeconds(30)));
	}

	private static String sessionIdOf(BrowserLikeClient client) {
		return client.sessionId().orElseThrow();
	}

	private static Stream<FakeBackend> allBackends() {
		return Stream.of(accountService, chatService1, chatService2);
	}

	private static List<RecordedRequest> chatRequests() {
		return Stream.concat(chatService1.requests().stream(), chatService2.requests().stream()).toList();
	}

	private static RecordedRequest onlyChatRequest() {
		List<RecordedRequest> requests = chatRequests();
		assertThat(requests).as("requests that reached a chat-service instance").hasSize(1);
		return requests.getFirst();
	}

	/** Which fake chat-service instance answered each of four calls to the path. */
	private static List<String> instancesAnswering(BrowserLikeClient client, String path) {
		return IntStream.range(0, 4)
			.mapToObj((i) -> client.get(path))
			.map((response) -> JSON.readTree(response.body()).path("instance").asString())
			.toList();
	}

	private static String bearerTokenOf(RecordedRequest request) {
		List<String> authorization = request.headers().get(HttpHeaders.AUTHORIZATION);
		assertThat(authorization).as("Authorization headers the backend received").hasSize(1);
		assertThat(authorization.getFirst()).startsWith("Bearer ");
		return authorization.getFirst().substring("Bearer ".length());
	}

	/**
	 * Whether ten calls to the path (after a first) are answered without the session in Redis:
	 * it is moved out of the way meanwhile, so a call that read it would be refused with 401.
	 */
	private boolean tenCallsNeedNoSessionInRedis(BrowserLikeClient client, String path) {
		String sessionKey = "webchat-gateway-test:session:sessions:" + sessionIdOf(client);
		assertThat(client.get(path).statusCode()).isEqualTo(200);
		this.redis.rename(sessionKey, sessionKey + ":away");
		try {
			return IntStream.range(0, 10).allMatch((i) -> client.get(path).statusCode() == 200);
		}
		finally {
			this.redis.rename(sessionKey + ":away", sessionKey);
		}
	}

	BrowserLikeClient visitor() {
		return new BrowserLikeClient(this.port);
	}

	/** Alice, logged in, holding the session cookie and the XSRF-TOKEN cookie the login answer set. */
	BrowserLikeClient alice() {
		BrowserLikeClient alice = visitor();
		HttpResponse<String> login = alice.logIn("alice", "alice-secret");
		assertThat(login.statusCode()).as("login status").isEqualTo(302);
		assertThat(alice.xsrfToken()).as("XSRF-TOKEN cookie after login").isPresent();
		allBackends().forEach(FakeBackend::forgetRequests);
		return alice;
	}

	private static String locationPath(HttpResponse<String> response) {
		URI location = URI.create(response.headers().firstValue(HttpHeaders.LOCATION).orElseThrow());
		return location.getRawPath() + ((location.getRawQuery() != null) ? "?" + location.getRawQuery() : "");
	}

	@Nested
	class Login {

		@Test
		void theRightPasswordLogsInAndRedirectsToTheChatPage() {
			BrowserLikeClient client = visitor();

			HttpResponse<String> response = client.logIn("alice", "alice-secret");

			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(locationPath(response)).isEqualTo("/");
			assertThat(client.sessionId()).isPresent();
			assertThat(client.get("/api/accounts/me").statusCode()).isEqualTo(200);
		}

		@Test
		void aWrongPasswordRedirectsBackToTheLoginPageWithAnError() {
			BrowserLikeClient client = visitor();

			HttpResponse<String> response = client.logIn("alice", "wrong-secret");

			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(locationPath(response)).isEqualTo("/login?error");
			assertThat(client.get("/api/accounts/me").statusCode()).isEqualTo(401);
		}

		@Test
		void theLoginPageCarriesTheCsrfTokenInAHiddenField() {
			HttpResponse<String> page = visitor().get("/login");

			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(BrowserLikeClient.hiddenCsrfField(page.body())).isNotBlank();
		}

		@Test
		void aLoginFormPostedWithoutTheCsrfFieldIsRefused() {
			BrowserLikeClient client = visitor();
			client.get("/login");

			HttpResponse<String> response = client.send(client.request("/login")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-secret")));

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(accountService.requests()).isEmpty();
		}

		@Test
		void thePasswordIsCheckedByAccountServiceWithTheGatewaysOwnCredentialsCheckToken() {
			visitor().logIn("alice", "alice-secret");

			List<RecordedRequest> checks = accountService.requestsTo("/internal/credentials/check");
			assertThat(checks).hasSize(1);
			RecordedRequest check = checks.getFirst();
			assertThat(check.method()).isEqualTo("POST");
			JsonNode body = JSON.readTree(check.body());
			assertThat(body.path("username").asString()).isEqualTo("alice");
			assertThat(body.path("password").asString()).isEqualTo("alice-secret");
			Jwt token = accountServiceTokens.decode(bearerTokenOf(check));
			assertThat(token.getClaimAsString("scope")).isEqualTo("credentials:check");
			assertThat(token.getAudience()).containsExactly("account-service");
		}

		@Test
		void theSessionIsKeptInRedisSoThatAnyGatewayInstanceCanServeIt() {
			BrowserLikeClient alice = alice();

			String sessionId = sessionIdOf(alice);

			assertThat(GatewayIntegrationTest.this.redis.hasKey("webchat-gateway-test:session:sessions:" + sessionId))
				.isTrue();
		}

		@Test
		void theSessionCookieIsHiddenFromScriptsAndNotSentCrossSite() {
			HttpResponse<String> login = visitor().logIn("alice", "alice-secret");

			assertThat(login.headers().allValues("Set-Cookie"))
				.filteredOn((cookie) -> cookie.startsWith(BrowserLikeClient.SESSION_COOKIE + "="))
				.singleElement()
				.satisfies((cookie) -> assertThat(cookie).containsIgnoringCase("HttpOnly")
					.containsIgnoringCase("SameSite=Lax"));
		}

		@Test
		void loggingOutEndsTheSession() {
			BrowserLikeClient alice = alice();

			HttpResponse<String> logout = alice.postWithXsrfHeaderAndNoBody("/logout");

			assertThat(logout.statusCode()).isEqualTo(302);
			assertThat(locationPath(logout)).isEqualTo("/login?logout");
			assertThat(alice.get("/api/accounts/me").statusCode()).isEqualTo(401);
		}

	}

	@Nested
	class Pages {

		@Test
		void theChatPageRedirectsAVisitorToTheLoginPage() {
			HttpResponse<String> response = visitor().get("/");

			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(locationPath(response)).isEqualTo("/login");
		}

		@Test
		void theChatPageIsServedToALoggedInUser() {
			HttpResponse<String> response = alice().get("/");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(response.body()).contains("/js/main.js");
		}

		@Test
		void theChatPageIsSentWithTheSecurityHeaders() {
			assertSecurityHeaders(alice().get("/"));
		}

		@Test
		void theLoginPageIsSentWithTheSecurityHeaders() {
			assertSecurityHeaders(visitor().get("/login"));
		}

		private static void assertSecurityHeaders(HttpResponse<String> response) {
			assertThat(response.statusCode()).isEqualTo(200);
			String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
			String scriptSrc = directive(csp, "script-src");
			assertThat(scriptSrc).isEqualTo("script-src 'self'");
			assertThat(directive(csp, "frame-ancestors")).isEqualTo("frame-ancestors 'none'");
			assertThat(directive(csp, "object-src")).isEqualTo("object-src 'none'");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		}

		private static String directive(String csp, String name) {
			return Stream.of(csp.split(";"))
				.map(String::trim)
				.filter((directive) -> directive.startsWith(name + " "))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no " + name + " in " + csp));
		}

	}

	@Nested
	class ApiWithoutSession {

		@Test
		void anApiCallWithoutASessionGets401ProblemDetailsInsteadOfARedirect() {
			HttpResponse<String> response = visitor().get("/api/chat/inbox?timeout=0");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.path("status").asInt()).isEqualTo(401);
			assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
			assertThat(chatRequests()).isEmpty();
		}

		@Test
		void aForgedIdentityHeaderDoesNotReplaceTheSession() {
			BrowserLikeClient visitor = visitor();

			HttpResponse<String> response = visitor.send(visitor.request("/api/accounts/me")
				.header("Authorization", "Bearer " + TestIdentityKeys.TRUSTED.issuer().issueForUser(1, "alice",
						"account-service"))
				.header("X-User-Id", "1")
				.GET());

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(accountService.requests()).isEmpty();
		}

		@Test
		void aVisitorsRegistrationIsForwardedWithoutAnyIdentityToken() {
			BrowserLikeClient visitor = visitor();
			visitor.get("/login");

			HttpResponse<String> response = visitor.send(visitor.request("/api/accounts/users")
				.header("Content-Type", "application/json")
				.header(BrowserLikeClient.XSRF_HEADER, visitor.xsrfToken().orElseThrow())
				.header("Authorization", "Bearer forged")
				.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bob\",\"password\":\"bob-secret\"}")));

			assertThat(response.statusCode()).isEqualTo(200);
			List<RecordedRequest> registrations = accountService.requestsTo("/api/accounts/users");
			assertThat(registrations).hasSize(1);
			assertThat(registrations.getFirst().headers().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		}

	}

	@Nested
	class Csrf {

		@Test
		void theLoginAnswerHandsThePageANewXsrfToken() {
			BrowserLikeClient client = visitor();
			client.get("/login");
			String beforeLogin = client.xsrfToken().orElseThrow();

			client.logIn("alice", "alice-secret");

			assertThat(client.xsrfToken()).hasValueSatisfying((token) -> assertThat(token).isNotEqualTo(beforeLogin));
		}

		@Test
		void theXsrfCookieIsReadableByThePageScript() {
			HttpResponse<String> page = visitor().get("/login");

			assertThat(page.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("XSRF-TOKEN="))
				.singleElement()
				.satisfies((cookie) -> assertThat(cookie).doesNotContainIgnoringCase("HttpOnly"));
		}

		@Test
		void aPostWithoutTheXsrfHeaderIsRefusedAndNotForwarded() {
			HttpResponse<String> response = alice().postJsonWithoutXsrfHeader("/api/chat/messages",
					"{\"to\":\"bob\",\"type\":\"text\",\"msg\":\"hi\"}");

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(chatRequests()).isEmpty();
		}

		@Test
		void aPostWithAnXsrfHeaderThatDoesNotMatchTheCookieIsRefused() {
			BrowserLikeClient alice = alice();

			HttpResponse<String> response = alice.send(alice.request("/api/chat/messages")
				.header("Content-Type", "application/json")
				.header(BrowserLikeClient.XSRF_HEADER, "not-the-token")
				.POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"bob\",\"type\":\"text\",\"msg\":\"hi\"}")));

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(chatRequests()).isEmpty();
		}

		@Test
		void aPostWithTheXsrfHeaderIsForwardedWithItsBody() {
			String message = "{\"to\":\"bob\",\"type\":\"text\",\"msg\":\"hi\"}";

			HttpResponse<String> response = alice().postJsonWithXsrfHeader("/api/chat/messages", message);

			assertThat(response.statusCode()).isEqualTo(200);
			RecordedRequest forwarded = onlyChatRequest();
			assertThat(forwarded.method()).isEqualTo("POST");
			assertThat(forwarded.path()).isEqualTo("/api/chat/messages");
			assertThat(forwarded.body()).isEqualTo(message);
			assertThat(forwarded.headers().getContentLength()).isEqualTo(message.length());
			assertThat(forwarded.headers().get(HttpHeaders.TRANSFER_ENCODING)).isNull();
		}

	}

	@Nested
	class IdentityRelay {

		@Test
		void aChatRequestReachesChatServiceWithAShortLivedTokenForTheLoggedInUser() {
			alice().postJsonWithXsrfHeader("/api/chat/messages", "{\"to\":\"bob\",\"type\":\"text\",\"msg\":\"hi\"}");

			Jwt token = chatServiceTokens.decode(bearerTokenOf(onlyChatRequest()));

			assertThat(token.getSubject()).isEqualTo("1");
			assertThat(token.getAudience()).containsExactly("chat-service");
			assertThat(token.getClaimAsString("iss")).isEqualTo("webchat-gateway");
			assertThat(token.getClaimAsString("scope")).isEqualTo("user");
			assertThat(token.getId()).isNotBlank();
			assertThat(token.getIssuedAt()).isNotNull();
			assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt()))
				.isPositive()
				.isLessThanOrEqualTo(Duration.ofMinutes(10));
		}

		@Test
		void theTokenForChatServiceIsRefusedByAccountService() {
			alice().get("/api/chat/inbox?timeout=0");

			String token = bearerTokenOf(onlyChatRequest());

			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> accountServiceTokens.decode(token));
		}

		@Test
		void anAccountRequestReachesAccountServiceWithATokenForAccountService() {
			HttpResponse<String> response = alice().get("/api/accounts/me");

			assertThat(response.statusCode()).isEqualTo(200);
			List<RecordedRequest> forwarded = accountService.requestsTo("/api/accounts/me");
			assertThat(forwarded).hasSize(1);
			Jwt token = accountServiceTokens.decode(bearerTokenOf(forwarded.getFirst()));
			assertThat(token.getSubject()).isEqualTo("1");
			assertThat(token.getAudience()).containsExactly("account-service");
			assertThat(token.getClaimAsString("scope")).isEqualTo("user");
		}

		/**
		 * The services answer their API documents only with a token, like every other call: the
		 * Swagger UI reads them through the gateway's routes, which add one.
		 */
		@Test
		void swaggerUiReadsEachServicesApiDocumentThroughItsRouteWithATokenForThatService() {
			BrowserLikeClient alice = alice();
			JsonNode config = JSON.readTree(alice.get("/v3/api-docs/swagger-config").body());
			List<String> documents = new java.util.ArrayList<>();
			config.path("urls").forEach((url) -> documents.add(url.path("url").asString()));

			assertThat(documents).containsExactlyInAnyOrder("/api/accounts/v3/api-docs", "/api/chat/v3/api-docs");
			documents.forEach((document) -> assertThat(alice.get(document).statusCode()).isEqualTo(200));
			Jwt accountToken = accountServiceTokens
				.decode(bearerTokenOf(accountService.requestsTo("/api/accounts/v3/api-docs").getFirst()));
			Jwt chatToken = chatServiceTokens.decode(bearerTokenOf(onlyChatRequest()));
			assertThat(accountToken.getClaimAsString("scope")).isEqualTo("user");
			assertThat(chatToken.getClaimAsString("scope")).isEqualTo("user");
			assertThat(visitor().get("/api/accounts/v3/api-docs").statusCode()).as("a visitor's").isEqualTo(401);
		}

		@Test
		void aUsersRequestsToOneServiceShareATokenWhileItIsFresh() {
			BrowserLikeClient alice = alice();

			alice.get("/api/chat/inbox?timeout=0");
			alice.get("/api/chat/inbox?timeout=0");
			alice.get("/api/accounts/me");

			List<String> chatTokens = chatRequests().stream().map(GatewayIntegrationTest::bearerTokenOf).toList();
			assertThat(chatTokens).hasSize(2).containsOnly(chatTokens.get(0));
			assertThat(accountService.requests()).hasSize(1);
			String accountToken = bearerTokenOf(accountService.requests().getFirst());
			assertThat(accountToken).isNotEqualTo(chatTokens.get(0));
			assertThat(chatServiceTokens.decode(chatTokens.get(0)).getSubject()).isEqualTo("1");
		}

		@Test
		void theClientsAuthorizationCookiesAndIdentityHeadersDoNotReachTheBackend() {
			BrowserLikeClient alice = alice();
			String forgedToken = TestIdentityKeys.TRUSTED.issuer().issueForUser(2, "bob", "chat-service");

			HttpResponse<String> response = alice.send(alice.request("/api/chat/messages")
				.header("Content-Type", "application/json")
				.header(BrowserLikeClient.XSRF_HEADER, alice.xsrfToken().orElseThrow())
				.header("Authorization", "Bearer " + forgedToken)
				.header("Cookie", "tracking=abc")
				.header("X-User-Id", "2")
				.header("X-User-Name", "bob")
				.header("X-Auth-Request-User", "bob")
				.header("X-Forwarded-User", "bob")
				.header("X-Remote-User", "bob")
				.header("Remote-User", "bob")
				.POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"bob\",\"type\":\"text\",\"msg\":\"hi\"}")));

			assertThat(response.statusCode()).isEqualTo(200);
			RecordedRequest forwarded = onlyChatRequest();
			String token = bearerTokenOf(forwarded);
			assertThat(token).isNotEqualTo(forgedToken);
			assertThat(chatServiceTokens.decode(token).getSubject()).isEqualTo("1");
			assertThat(forwarded.headers().headerNames()).map(String::toLowerCase)
				.doesNotContain("cookie", "x-user-id", "x-user-name", "x-auth-request-user", "x-forwarded-user",
						"x-remote-user", "remote-user", "x-xsrf-token");
		}

	}

	/** Long polls are forwarded without holding a thread while they wait, and without a session read. */
	@Nested
	class LongPolls {

		/** The login is answered from the gateway's memory within the touch interval (LoggedInSessions). */
		@Test
		void pollsWithinTheTouchIntervalReadNoSessionFromRedis() {
			assertThat(tenCallsNeedNoSessionInRedis(alice(), "/api/chat/clients/abc123/events?timeout=0")).isTrue();
		}

		@Test
		void aPollReachesChatServiceWithItsPathAndQueryAndTheUsersTokenOnly() {
			BrowserLikeClient alice = alice();

			HttpResponse<String> response = alice.send(alice.request("/api/chat/clients/abc123/events?ack=17&timeout=25")
				.header("Authorization", "Bearer forged")
				.header("X-User-Id", "2")
				.GET());

			assertThat(response.statusCode()).isEqualTo(200);
			RecordedRequest forwarded = onlyChatRequest();
			assertThat(forwarded.method()).isEqualTo("GET");
			assertThat(forwarded.pathAndQuery()).isEqualTo("/api/chat/clients/abc123/events?ack=17&timeout=25");
			assertThat(chatServiceTokens.decode(bearerTokenOf(forwarded)).getSubject()).isEqualTo("1");
			assertThat(forwarded.headers().headerNames()).map(String::toLowerCase)
				.doesNotContain("cookie", "x-user-id", "x-xsrf-token", "transfer-encoding");
			assertThat(forwarded.headers().getFirst(HttpHeaders.HOST)).isEqualTo(URI.create(chatServiceUrlOf(forwarded)).getAuthority());
		}

		@Test
		void theAnswerComesBackWithChatServicesStatusTypeAndBody() {
			HttpResponse<String> response = alice().get(UNKNOWN_CLIENT_PATH + "?timeout=25");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
			assertThat(response.body()).isEqualTo(UNKNOWN_CLIENT_PROBLEM);
			assertThat(response.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH))
				.hasValue(UNKNOWN_CLIENT_PROBLEM.length());
		}

		@Test
		void successivePollsAreSpreadOverBothChatServiceInstances() {
			BrowserLikeClient alice = alice();

			assertThat(instancesAnswering(alice, "/api/chat/clients/abc123/events?timeout=0"))
				.contains("chat-service-1", "chat-service-2");
		}

		@Test
		void aVisitorsPollIsRefusedWithoutReachingChatService() {
			HttpResponse<String> response = visitor().get("/api/chat/clients/abc123/events");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(chatRequests()).isEmpty();
		}

		private String chatServiceUrlOf(RecordedRequest request) {
			return chatService1.requests().contains(request) ? chatService1.url() : chatService2.url();
		}

	}

	@Nested
	class Routing {

		/**
		 * A service may answer without reading a body it does not need (a client registration
		 * has none). Sent chunked, the empty body's last chunk can still be on its way then, and
		 * the service closes the connection rather than wait for it: the next request the
		 * gateway sends on that pooled connection fails with a broken pipe.
		 */
		@Test
		void aPostWithoutABodyIsForwardedWithoutOne() {
			BrowserLikeClient alice = alice();

			HttpResponse<String> response = alice.postWithXsrfHeaderAndNoBody("/api/chat/clients");

			assertThat(response.statusCode()).isEqualTo(200);
			RecordedRequest forwarded = onlyChatRequest();
			assertThat(forwarded.path()).isEqualTo("/api/chat/clients");
			assertThat(forwarded.headers().get(HttpHeaders.TRANSFER_ENCODING)).isNull();
			assertThat(forwarded.headers().getContentLength()).isIn(0L, -1L);
		}

		@Test
		void aGetIsForwardedWithoutABody() {
			assertThat(alice().get("/api/chat/unread").statusCode()).isEqualTo(200);

			RecordedRequest forwarded = onlyChatRequest();
			assertThat(forwarded.headers().get(HttpHeaders.TRANSFER_ENCODING)).isNull();
			assertThat(forwarded.headers().getContentLength()).isIn(0L, -1L);
		}

		@Test
		void aChatRequestKeepsItsPathAndQuery() {
			alice().get("/api/chat/inbox?timeout=0");

			assertThat(onlyChatRequest().pathAndQuery()).isEqualTo("/api/chat/inbox?timeout=0");
		}

		@Test
		void successiveChatRequestsAreSpreadOverBothChatServiceInstances() {
			BrowserLikeClient alice = alice();

			assertThat(instancesAnswering(alice, "/api/chat/inbox?timeout=0")).contains("chat-service-1",
					"chat-service-2");
			assertThat(chatService1.requests()).isNotEmpty();
			assertThat(chatService2.requests()).isNotEmpty();
		}

		@Test
		void manyWaitingPollsAreForwardedAtOnceInsteadOfQueueingForAConnection() throws Exception {
			BrowserLikeClient alice = alice();

			try (ExecutorService browsers = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<HttpResponse<String>>> polls = IntStream.range(0, WAITING_AT_ONCE)
					.mapToObj((poll) -> browsers.submit(() -> alice.get(WAITING_PATH)))
					.toList();
				for (Future<HttpResponse<String>> poll : polls) {
					assertThat(poll.get(20, TimeUnit.SECONDS).body()).isEqualTo("{\"allArrived\":true}");
				}
			}
		}

		@Test
		void accountServicesInternalCredentialsCheckIsNotRouted() {
			BrowserLikeClient alice = alice();

			HttpResponse<String> response = alice.postJsonWithXsrfHeader("/internal/credentials/check",
					"{\"username\":\"alice\",\"password\":\"alice-secret\"}");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(accountService.requests()).isEmpty();
		}

		@Test
		void aPathThatClimbsOutOfTheAccountsApiDoesNotReachInternalEndpoints() {
			BrowserLikeClient alice = alice();

			List<Integer> statuses = Stream
				.of("/api/accounts/../../internal/credentials/check", "/api/accounts/%2e%2e/%2e%2e/internal/credentials/check",
						"/api/accounts/..%2F..%2Finternal/credentials/check", "/api/accounts/..;/..;/internal/credentials/check")
				.map((path) -> alice.postJsonWithXsrfHeader(path, "{\"username\":\"alice\",\"password\":\"alice-secret\"}")
					.statusCode())
				.toList();

			assertThat(statuses).allSatisfy((status) -> assertThat(status).isBetween(400, 499));
			assertThat(accountService.requests()).isEmpty();
		}

	}

	@Nested
	class JsonLogin {

		@Test
		void anApiClientLogsInWithJsonAndGetsASessionCookie() {
			BrowserLikeClient client = visitor();

			HttpResponse<String> login = client.postJsonWithoutXsrfHeader("/api/session",
					"{\"username\":\"alice\",\"password\":\"alice-secret\"}");

			assertThat(login.statusCode()).isEqualTo(200);
			assertThat(login.body()).contains("\"username\":\"alice\"").doesNotContain("password");
			assertThat(client.sessionId()).isPresent();
			assertThat(client.get("/api/chat/anything").statusCode()).isEqualTo(200);
		}

		@Test
		void aWrongPasswordGets401ProblemDetails() {
			HttpResponse<String> login = visitor().postJsonWithoutXsrfHeader("/api/session",
					"{\"username\":\"alice\",\"password\":\"wrong\"}");

			assertThat(login.statusCode()).isEqualTo(401);
			assertThat(login.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(login.body()).contains("urn:webchat:problem:bad-credentials");
		}

		@Test
		void anAccountServiceThatCannotCheckPasswordsGets503NotAWrongPassword() {
			HttpResponse<String> login = visitor().postJsonWithoutXsrfHeader("/api/session",
					"{\"username\":\"broken\",\"password\":\"whatever1\"}");
			HttpResponse<String> form = visitor().logIn("broken", "whatever1");

			assertThat(login.statusCode()).isEqualTo(503);
			assertThat(login.body()).contains("urn:webchat:problem:login-unavailable");
			assertThat(locationPath(form)).isEqualTo("/login?unavailable");
		}

		/** The services' strict JSON rule (problem-details' StrictJsonInput) holds here too. */
		@Test
		void aPasswordThatIsNotAJsonStringIs400NamingItAndIsNotChecked() {
			HttpResponse<String> login = visitor().postJsonWithoutXsrfHeader("/api/session",
					"{\"username\":\"alice\",\"password\":12345678}");

			assertThat(login.statusCode()).isEqualTo(400);
			assertThat(login.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(login.body()).at("/errors/0/field").asString()).isEqualTo("password");
			assertThat(accountService.requestsTo("/internal/credentials/check")).isEmpty();
		}

		@Test
		void aFormEncodedCrossSiteLoginIsNotAccepted() {
			BrowserLikeClient client = visitor();
			HttpResponse<String> login = client.send(client.request("/api/session")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-secret")));

			assertThat(login.statusCode()).isBetween(400, 499);
			assertThat(client.get("/api/chat/anything").statusCode()).isEqualTo(401);
		}

	}

	@Nested
	class LoginThrottling {

		@Test
		void afterFiveWrongPasswordsFromOneAddressEvenTheRightOneFromThereGets429WithRetryAfter() {
			for (int i = 0; i < 5; i++) {
				assertThat(visitor().logIn("alice", "guess-" + i).statusCode()).isEqualTo(302);
			}

			HttpResponse<String> form = visitor().logIn("alice", "alice-secret");
			HttpResponse<String> json = visitor().postJsonWithoutXsrfHeader("/api/session",
					"{\"username\":\"ALICE\",\"password\":\"alice-secret\"}");

			assertThat(form.statusCode()).isEqualTo(429);
			// the first wait, a minute in this test (webchat.gateway.login-throttle.first-backoff)
			assertThat(form.headers().firstValue("Retry-After")).hasValueSatisfying((seconds) -> assertThat(
					Long.parseLong(seconds)).isBetween(50L, 60L));
			assertThat(json.statusCode()).isEqualTo(429);
			assertThat(json.body()).contains("urn:webchat:problem:login-throttled");
			assertThat(accountService.requests()).as("password checks while throttled")
				.filteredOn((request) -> request.path().equals("/internal/credentials/check"))
				.hasSize(5);
		}

		@Test
		void aStrangersWrongPasswordsDoNotKeepTheOwnerOutFromHerOwnAddress() {
			BrowserLikeClient stranger = BrowserLikeClient.from("127.0.0.2", GatewayIntegrationTest.this.port);
			for (int i = 0; i < 10; i++) {
				stranger.logIn("alice", "guess-" + i);
			}
			assertThat(stranger.logIn("alice", "alice-secret").statusCode()).as("the stranger, refused").isEqualTo(429);

			BrowserLikeClient owner = BrowserLikeClient.from("127.0.0.3", GatewayIntegrationTest.this.port);
			HttpResponse<String> login = owner.logIn("alice", "alice-secret");

			assertThat(login.statusCode()).as("the owner, from elsewhere").isEqualTo(302);
			assertThat(locationPath(login)).isEqualTo("/");
			assertThat(stranger.logIn("alice", "alice-secret").statusCode()).as("the stranger, still refused")
				.isEqualTo(429);
		}

		@Test
		void aForgedXForwardedForEarnsNoFreshCountWhenNoProxyIsTrusted() {
			BrowserLikeClient stranger = BrowserLikeClient.from("127.0.0.4", GatewayIntegrationTest.this.port);
			for (int i = 0; i < 6; i++) {
				stranger.send(stranger.request("/api/session")
					.header("Content-Type", "application/json")
					.header("X-Forwarded-For", "198.51.100." + i)
					.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"guess\"}")));
			}

			assertThat(accountService.requests()).as("password checks")
				.filteredOn((request) -> request.path().equals("/internal/credentials/check"))
				.hasSize(5);
		}

		@Test
		void failuresAreCountedInRedisSoEveryGatewayInstanceSeesThem() {
			visitor().logIn("mallory", "guess");

			String failures = "gateway:login-failures:{127.0.0.1}:user:mallory";
			assertThat(GatewayIntegrationTest.this.redis.opsForValue().get(failures)).isEqualTo("1");
			assertThat(GatewayIntegrationTest.this.redis.getExpire(failures)).isPositive();
		}

		@Test
		void aBurstOfParallelGuessesCannotSlipPastTheLimit() throws Exception {
			try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
				var guesses = IntStream.range(0, 30)
					.mapToObj((i) -> threads.submit(() -> visitor().logIn("alice", "guess-" + i)))
					.toList();
				for (var guess : guesses) {
					guess.get();
				}
			}

			assertThat(accountService.requests()).as("password checks")
				.filteredOn((request) -> request.path().equals("/internal/credentials/check"))
				.hasSizeLessThanOrEqualTo(5);
		}

		@Test
		void theRightPasswordForgetsTheFailuresBeforeIt() {
			for (int i = 0; i < 4; i++) {
				visitor().logIn("alice", "guess-" + i);
			}
			assertThat(visitor().logIn("alice", "alice-secret").statusCode()).isEqualTo(302);

			for (int i = 0; i < 4; i++) {
				assertThat(visitor().logIn("alice", "guess-" + i).statusCode()).isEqualTo(302);
			}
			assertThat(visitor().logIn("alice", "alice-secret").statusCode()).isEqualTo(302);
		}

		@Test
		void aNameThatCannotBeAUsernameIsRefusedWithoutAskingAccountService() {
			// full-width letters a database collation could fold into "kate", each with a count of its own
			HttpResponse<String> login = visitor().logIn("\uff4b\uff41\uff54\uff45", "guess");

			assertThat(locationPath(login)).isEqualTo("/login?error");
			assertThat(accountService.requests()).isEmpty();
		}

		@Test
		void manyUsernamesTriedFromOneAddressAreThrottledToo() {
			for (int i = 0; i < 20; i++) {
				visitor().logIn("user" + i, "guess");
			}

			assertThat(visitor().logIn("alice", "alice-secret").statusCode()).isEqualTo(429);
			assertThat(BrowserLikeClient.from("127.0.0.5", GatewayIntegrationTest.this.port)
				.logIn("alice", "alice-secret")
				.statusCode()).as("from another address").isEqualTo(302);
		}

	}

	@Nested
	class RegistrationLimits {

		private static final String SIGN_UP = "{\"username\":\"newcomer\",\"displayName\":\"New\",\"password\":\"new-secret\"}";

		private HttpResponse<String> signUpFrom(String address) {
			BrowserLikeClient visitor = BrowserLikeClient.from(address, GatewayIntegrationTest.this.port);
			visitor.get("/register");
			return visitor.postJsonWithXsrfHeader("/api/accounts/users", SIGN_UP);
		}

		@Test
		void aClassOfSixtySigningUpAtOnceFromOneAddressAllGetIn() throws Exception {
			// ten at a time: a classroom's clicks, not a load test of the machine running it
			try (var threads = java.util.concurrent.Executors.newFixedThreadPool(10)) {
				var signUps = IntStream.range(0, 60).mapToObj((i) -> threads.submit(() -> signUpFrom("127.0.0.6"))).toList();
				for (var signUp : signUps) {
					HttpResponse<String> answer = signUp.get();
					assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
				}
			}
		}

		@Test
		void oneMoreFromTheSameAddressIs429ProblemWithRetryAfterAndNeverReachesAccountService() {
			for (int i = 0; i < 60; i++) {
				assertThat(signUpFrom("127.0.0.7").statusCode()).isEqualTo(200);
			}

			HttpResponse<String> refused = signUpFrom("127.0.0.7");

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("urn:webchat:problem:registration-limited");
			assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
					(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 600L));
			assertThat(accountService.requestsTo("/api/accounts/users")).hasSize(60);
			assertThat(signUpFrom("127.0.0.8").statusCode()).as("from another address").isEqualTo(200);
		}

		@Test
		void everyoneTogetherIsLimitedToo() {
			// 100 a minute in this test (webchat.gateway.registration-limit.max-total)
			for (int i = 0; i < 100; i++) {
				assertThat(signUpFrom("127.0.1." + (1 + i / 50)).statusCode()).isEqualTo(200);
			}

			HttpResponse<String> refused = signUpFrom("127.0.1.9");

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
					(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
			assertThat(accountService.requestsTo("/api/accounts/users")).hasSize(100);
		}

		@Test
		void aSignUpWithoutTheCsrfTokenIsRefusedWithoutUsingUpTheCount() {
			BrowserLikeClient visitor = BrowserLikeClient.from("127.0.0.9", GatewayIntegrationTest.this.port);
			for (int i = 0; i < 70; i++) {
				assertThat(visitor.postJsonWithoutXsrfHeader("/api/accounts/users", SIGN_UP).statusCode()).isEqualTo(403);
			}

			assertThat(signUpFrom("127.0.0.9").statusCode()).isEqualTo(200);
		}

		@Test
		void theSignUpPageCarriesTheMessageThatSaysWhenToTryAgain() {
			String page = visitor().get("/register").body();

			assertThat(page).contains("data-msg-limited=\"Too many sign-ups right now. Please try again at {time} (in {seconds} seconds).\"");
		}

	}

	@Nested
	class PasswordChange {

		@Test
		void changingThePasswordEndsEverySessionOfTheUserAndNoOneElses() {
			BrowserLikeClient laptop = alice();
			BrowserLikeClient phone = alice();
			BrowserLikeClient script = visitor();
			assertThat(script.postJsonWithoutXsrfHeader("/api/session",
					"{\"username\":\"alice\",\"password\":\"alice-secret\"}").statusCode()).isEqualTo(200);
			BrowserLikeClient carol = visitor();
			assertThat(carol.logIn("carol", "carol-secret").statusCode()).isEqualTo(302);
			assertThat(phone.get("/api/chat/anything").statusCode()).isEqualTo(200);
			assertThat(script.get("/api/chat/anything").statusCode()).isEqualTo(200);

			HttpResponse<String> change = laptop.send(laptop.request("/api/accounts/me/password")
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", laptop.xsrfToken().orElseThrow())
				.PUT(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"alice-secret\",\"newPassword\":\"x\"}")));

			assertThat(change.statusCode()).isEqualTo(200);
			assertThat(phone.get("/api/chat/anything").statusCode()).isEqualTo(401);
			assertThat(laptop.get("/api/chat/anything").statusCode()).isEqualTo(401);
			assertThat(script.get("/api/chat/anything").statusCode()).as("the session of the JSON login").isEqualTo(401);
			assertThat(carol.get("/api/chat/anything").statusCode()).as("another user's session").isEqualTo(200);
		}

		@Test
		void aLoginForgetsTheUsersSessionsThatHaveEnded() {
			BrowserLikeClient yesterday = alice();
			String ended = sessionIdOf(yesterday);
			sessions.deleteById(ended).block();

			BrowserLikeClient today = alice();

			// alice's sessions from other tests may still be alive, and stay
			assertThat(redis.opsForSet().members("webchat-gateway-test:session:user-sessions:1"))
				.contains(sessionIdOf(today))
				.doesNotContain(ended);
			assertThat(redis.getExpire("webchat-gateway-test:session:user-sessions:1"))
				.as("no expiry of its own: a session in use outlives any fixed time after its login")
				.isEqualTo(-1L);
		}

		@Test
		void otherCallsLeaveTheSessionsAlone() {
			BrowserLikeClient alice = alice();

			alice.postJsonWithXsrfHeader("/api/accounts/me/friend-requests", "{\"username\":\"bob\"}");

			assertThat(alice.get("/api/chat/anything").statusCode()).isEqualTo(200);
		}

	}

	/**
	 * A login is answered from the gateway's memory for a touch interval (1 minute here), so the
	 * chat page's polls and sends neither read nor write its session in Redis. Reading it again
	 * after the interval, and ending it on another gateway, are in {@link SessionsAcrossGatewaysTest}.
	 */
	@Nested
	class SessionWrites {

		private String sessionKey(String sessionId) {
			return "webchat-gateway-test:session:sessions:" + sessionId;
		}

		/** The session store the gateway's requests use. */
		@SuppressWarnings("unchecked")
		private ReactiveSessionRepository<Session> store() {
			return (ReactiveSessionRepository<Session>) sessions;
		}

		private Instant recordedAccess(String sessionId) {
			return store().findById(sessionId).block().getLastAccessedTime();
		}

		@Test
		void callsWithinTheTouchIntervalReadNoSessionFromRedis() {
			assertThat(tenCallsNeedNoSessionInRedis(alice(), "/api/chat/inbox?timeout=0")).isTrue();
		}

		@Test
		void apiCallsWithinTheTouchIntervalDoNotRewriteTheSession() {
			BrowserLikeClient alice = alice();
			String sessionId = sessionIdOf(alice);
			Instant accessAtLogin = recordedAccess(sessionId);
			redis.expire(sessionKey(sessionId), Duration.ofMinutes(5));

			for (int call = 0; call < 3; call++) {
				assertThat(alice.get("/api/chat/anything").statusCode()).isEqualTo(200);
				assertThat(alice.postJsonWithXsrfHeader("/api/chat/messages", "{\"msg\":\"hi\"}").statusCode())
					.isEqualTo(200);
			}

			assertThat(recordedAccess(sessionId)).isEqualTo(accessAtLogin);
			assertThat(redis.getExpire(sessionKey(sessionId))).as("expiry left as the test set it")
				.isBetween(240L, 300L);
		}

		/** A login changes the session: it is in Redis, with the login, before the answer leaves. */
		@Test
		void aLoginIsWrittenToRedisAtOnce() {
			BrowserLikeClient alice = alice();

			Session stored = store().findById(sessionIdOf(alice)).block();

			assertThat(stored).isNotNull();
			assertThat(stored.getAttributeNames()).contains("SPRING_SECURITY_CONTEXT");
		}

		@Test
		void aFragmentLeftOfAnEndedSessionIsAnEndedSessionNotAServerError() {
			BrowserLikeClient alice = alice();
			String sessionId = sessionIdOf(alice);
			// what a request's last write leaves when it lands just after the session was ended
			sessionEndings.ended(List.of(sessionId)).block();
			redis.delete(sessionKey(sessionId));
			byte[] lastAccess = new JdkSerializationRedisSerializer().serialize(System.currentTimeMillis());
			redis.execute((RedisCallback<Boolean>) (connection) -> connection.hashCommands()
				.hSet(sessionKey(sessionId).getBytes(StandardCharsets.UTF_8),
						"lastAccessedTime".getBytes(StandardCharsets.UTF_8), lastAccess));
			redis.expire(sessionKey(sessionId), Duration.ofMinutes(5));

			assertThat(alice.get("/api/chat/anything").statusCode()).isEqualTo(401);
			assertThat(redis.hasKey(sessionKey(sessionId))).as("the fragment is deleted").isFalse();
			assertThat(alice().get("/api/chat/anything").statusCode()).as("a new login").isEqualTo(200);
		}

		@Test
		void aTouchOfASessionEndedMeanwhileIsNotWrittenBack() {
			BrowserLikeClient alice = alice();
			String sessionId = sessionIdOf(alice);
			Session recent = store().findById(sessionId).block();
			Session stale = store().findById(sessionId).block();

			sessionEndings.ended(List.of(sessionId)).then(sessions.deleteById(sessionId)).block();
			recent.setLastAccessedTime(recent.getLastAccessedTime().plusSeconds(5));
			store().save(recent).onErrorComplete(IllegalStateException.class).block();
			stale.setLastAccessedTime(stale.getLastAccessedTime().plus(Duration.ofMinutes(2)));
			store().save(stale).onErrorComplete(IllegalStateException.class).block();

			assertThat(redis.hasKey(sessionKey(sessionId))).isFalse();
			assertThat(alice.get("/api/chat/anything").statusCode()).isEqualTo(401);
		}

		/** Against session fixation: a session id planted before the login is not the one the login gets. */
		@Test
		void loggingInMovesAPlantedSessionToANewId() {
			Session planted = store().createSession().block();
			planted.setAttribute("planted", true);
			store().save(planted).block();
			BrowserLikeClient visitor = visitor();
			visitor.plantSessionCookie(planted.getId());

			HttpResponse<String> login = visitor.logIn("alice", "alice-secret");

			assertThat(login.statusCode()).isEqualTo(302);
			String loggedInSession = login.headers()
				.allValues(HttpHeaders.SET_COOKIE)
				.stream()
				.filter((cookie) -> cookie.startsWith("WEBCHAT_SESSION="))
				.map((cookie) -> cookie.substring("WEBCHAT_SESSION=".length(), cookie.indexOf(';')))
				.findFirst()
				.orElseThrow(() -> new AssertionError("the login sets no session cookie"));
			assertThat(loggedInSession).isNotEqualTo(planted.getId());
			assertThat(redis.hasKey(sessionKey(planted.getId()))).isFalse();
			assertThat(redis.hasKey(sessionKey(loggedInSession))).isTrue();
		}

	}

	@Nested
	class RequestLimits {

		@Test
		void aBodyOverTheLimitIsRefusedBeforeItIsForwarded() {
			BrowserLikeClient alice = alice();

			HttpResponse<String> response = alice.postJsonWithXsrfHeader("/api/chat/messages",
					"{\"msg\":\"" + "x".repeat(1024 * 1024) + "\"}");

			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(chatRequests()).isEmpty();
		}

	}
}
