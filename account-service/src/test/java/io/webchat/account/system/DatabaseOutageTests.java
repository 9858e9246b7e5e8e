package io.webchat.account.system;

import java.net.URI;
import java.time.Duration;

import io.webchat.account.user.RegistrationRequest;
import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountService;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.CuttableTcpProxy;
import io.webchat.testsupport.DockerAvailability;
import io.webchat.testsupport.RedisTestService;
import io.webchat.testsupport.TestIdentityKeys;
import io.webchat.testsupport.TestServiceImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.mysql.MySQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The database cut off under a running account-service (its connections reset, new ones
 * refused) and back: every call is refused at once with a 503 to retry and changes nothing, and
 * once the database answers again everything works without a restart.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "mysql", "test" })
@Import(RedisTestService.class)
class DatabaseOutageTests {

	private static final Duration REFUSED_WITHIN = Duration.ofSeconds(2);

	private static MySQLContainer container;

	static final CuttableTcpProxy database = proxyToTheTestDatabase();

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:mysql://127.0.0.1:" + database.port()
				+ "/webchat_account_test?createDatabaseIfNotExist=true");
		if (container != null) {
			registry.add("spring.datasource.username", container::getUsername);
			registry.add("spring.datasource.password", container::getPassword);
		}
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccountService accounts;

	@AfterAll
	static void stop() {
		database.close();
		if (container != null) {
			container.stop();
		}
	}

	@Test
	void whileTheDatabaseIsGoneEveryCallIsRefusedAtOnceAndChangesNothing() throws Exception {
		UserAccount alice = this.accounts
			.register(new RegistrationRequest("u" + System.nanoTime(), "Alice", "a long password 1"));
		String newcomer = "u" + System.nanoTime();

		database.cut();

		refusedAtOnce(get("/api/accounts/me").header("Authorization", bearer(alice)));
		refusedAtOnce(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "Newcomer", "password": "a long password 1"}""".formatted(newcomer)));

		database.restore();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.mvc.perform(get("/api/accounts/me").header("Authorization", bearer(alice)))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(200));
		assertThat(this.mvc.perform(get("/api/accounts/users?query=" + newcomer).header("Authorization", bearer(alice)))
			.andReturn()
			.getResponse()
			.getContentAsString()).as("the refused registration").doesNotContain(newcomer);
	}

	private void refusedAtOnce(RequestBuilder request) throws Exception {
		long start = System.nanoTime();
		MvcResult result = this.mvc.perform(request).andReturn();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(503);
		assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).contains("urn:webchat:problem:accounts-unavailable");
		assertThat(took).isLessThan(REFUSED_WITHIN);
	}

	private static String bearer(UserAccount user) {
		return "Bearer " + TestIdentityKeys.TRUSTED.issuer()
			.issueForUser(user.getId(), user.getUsername(), IdentityTokenClaims.ACCOUNT_SERVICE);
	}

	/** The database the other tests use: a container when Docker runs, else TEST_DB_URL's server. */
	private static CuttableTcpProxy proxyToTheTestDatabase() {
		if (DockerAvailability.useContainers()) {
			container = new MySQLContainer(TestServiceImages.MYSQL);
			container.start();
			return CuttableTcpProxy.to(container.getHost(), container.getMappedPort(3306));
		}
		String url = System.getenv().getOrDefault("TEST_DB_URL", "jdbc:mysql://127.0.0.1:3306/webchat_account_test");
		URI server = URI.create(url.substring("jdbc:".length()));
		return CuttableTcpProxy.to(server.getHost(), (server.getPort() > 0) ? server.getPort() : 3306);
	}
}
