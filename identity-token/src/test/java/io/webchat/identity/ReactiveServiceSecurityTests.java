package io.webchat.identity;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux service guarded by {@link ReactiveServiceSecurity} and the auto-configured reactive
 * decoder: it lets a user's token for it through and refuses everything else with a problem,
 * keeping the bearer-token challenge in {@code WWW-Authenticate}.
 */
class ReactiveServiceSecurityTests {

	@TempDir
	static Path directory;

	static GeneratedKeys trusted;

	@BeforeAll
	static void keys() {
		trusted = GeneratedKeys.in(directory, "trusted");
	}

	@Test
	void letsAUsersTokenForThisServiceThrough() {
		String token = trusted.issuer().issueForUser(7, "alice", IdentityTokenClaims.CHAT_SERVICE);

		withService((http) -> http.get()
			.uri("/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(String.class)
			.isEqualTo("7"));
	}

	@Test
	void answersARequestWithoutTokenWith401ProblemAndABearerChallenge() {
		withService((http) -> http.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.detail")
			.isEqualTo("A valid identity token is required."));
	}

	@Test
	void answersAForgedTokenWith401ProblemNamingTheTokenInvalid() {
		String forged = GeneratedKeys.in(directory, "forger").issuer()
			.issueForUser(7, "mallory", IdentityTokenClaims.CHAT_SERVICE);

		withService((http) -> assertRefusedAsInvalidToken(http, forged));
	}

	@Test
	void answersATokenMeantForAnotherServiceWith401Problem() {
		String forAccounts = trusted.issuer().issueForUser(7, "alice", IdentityTokenClaims.ACCOUNT_SERVICE);

		withService((http) -> assertRefusedAsInvalidToken(http, forAccounts));
	}

	@Test
	void answersAValidTokenWithoutTheScopeWith403ProblemAndAnInsufficientScopeChallenge() {
		String gatewayToken = trusted.issuer()
			.issueForGateway(IdentityTokenClaims.CHAT_SERVICE, IdentityTokenClaims.CREDENTIALS_CHECK_SCOPE);

		withService((http) -> http.get()
			.uri("/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + gatewayToken)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> org.assertj.core.api.Assertions.assertThat(challenge)
				.startsWith("Bearer")
				.contains("error=\"insufficient_scope\""))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403)
			.jsonPath("$.detail")
			.isEqualTo("This token may not do that."));
	}

	private static void assertRefusedAsInvalidToken(WebTestClient http, String token) {
		http.get()
			.uri("/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> org.assertj.core.api.Assertions.assertThat(challenge)
				.startsWith("Bearer")
				.contains("error=\"invalid_token\""))
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("A valid identity token is required.");
	}

	private static void withService(Consumer<WebTestClient> calls) {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityTokenAutoConfiguration.class))
			.withUserConfiguration(GuardedService.class)
			.withPropertyValues("webchat.identity-token.audience=" + IdentityTokenClaims.CHAT_SERVICE,
					"webchat.identity-token.public-key-location=" + trusted.publicKeyUri())
			.run((context) -> {
				ApplicationContext service = context.getSourceApplicationContext();
				calls.accept(WebTestClient.bindToApplicationContext(service).build());
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	@EnableWebFluxSecurity
	static class GuardedService {

		@Bean
		SecurityWebFilterChain security(ServerHttpSecurity http) {
			return ReactiveServiceSecurity.statelessResourceServer(http)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().hasAuthority("SCOPE_" + IdentityTokenClaims.USER_SCOPE))
				.build();
		}

		@Bean
		RouterFunction<ServerResponse> whoAmI() {
			return RouterFunctions.route(RequestPredicates.GET("/whoami"),
					(request) -> request.principal().flatMap((user) -> ServerResponse.ok().bodyValue(user.getName())));
		}

	}
}
