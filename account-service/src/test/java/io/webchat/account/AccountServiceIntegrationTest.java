package io.webchat.account;

import java.util.UUID;

import io.webchat.account.user.RegistrationRequest;
import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountService;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.MySqlTestService;
import io.webchat.testsupport.RedisTestService;
import io.webchat.testsupport.TestIdentityKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole account-service against a real MySQL-compatible database and a real Redis, called
 * through MockMvc with identity tokens signed by the tests' trusted key, as the gateway would.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "mysql", "test" })
@Import({ MySqlTestService.class, RedisTestService.class })
public abstract class AccountServiceIntegrationTest {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected UserAccountService accounts;

	@DynamicPropertySource
	static void trustTheTestKeys(DynamicPropertyRegistry registry) {
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	/** A user with a name no earlier run has used; the database outlives test runs. */
	protected UserAccount newUser(String displayName) {
		return this.accounts.register(new RegistrationRequest(uniqueUsername(), displayName, "a long password 1"));
	}

	protected static String uniqueUsername() {
		return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	/** Performs the request as the gateway forwards it for the logged-in {@code user}. */
	protected ResultActions as(UserAccount user, MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.header("Authorization", bearer(user)));
	}

	/** The same request with a JSON body. */
	protected ResultActions as(UserAccount user, MockHttpServletRequestBuilder request, String json) throws Exception {
		return as(user, request.contentType(MediaType.APPLICATION_JSON).content(json));
	}

	/** A refusal as clients see it: the status, problem+json, and the problem type to branch on. */
	protected static ResultMatcher refused(HttpStatus status, String problemType) {
		return (result) -> {
			status().is(status.value()).match(result);
			content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
			jsonPath("$.type").value("urn:webchat:problem:" + problemType).match(result);
		};
	}

	protected static String bearer(UserAccount user) {
		return "Bearer " + TestIdentityKeys.TRUSTED.issuer()
			.issueForUser(user.getId(), user.getUsername(), IdentityTokenClaims.ACCOUNT_SERVICE);
	}
}
