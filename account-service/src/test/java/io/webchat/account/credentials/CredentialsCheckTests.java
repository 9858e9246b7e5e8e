package io.webchat.account.credentials;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.user.RegistrationRequest;
import io.webchat.account.user.UserAccount;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The gateway's login asks here; only the gateway's own credentials-check token may ask. */
class CredentialsCheckTests extends AccountServiceIntegrationTest {

	private static final String GATEWAY_TOKEN = "Bearer " + TestIdentityKeys.TRUSTED.issuer()
		.issueForGateway(IdentityTokenClaims.ACCOUNT_SERVICE, IdentityTokenClaims.CREDENTIALS_CHECK_SCOPE);

	@Test
	void answersWithTheUserWhenThePasswordIsRight() throws Exception {
		UserAccount user = registered("right password 1");
		check(GATEWAY_TOKEN, user.getUsername().toUpperCase(), "right password 1").andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(user.getId()))
			.andExpect(jsonPath("$.passwordHash").doesNotExist());
	}

	@Test
	void refusesAWrongPasswordAndAnUnknownUserAlike() throws Exception {
		UserAccount user = registered("right password 1");
		check(GATEWAY_TOKEN, user.getUsername(), "wrong password 1").andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:bad-credentials"));
		check(GATEWAY_TOKEN, uniqueUsername(), "right password 1").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:bad-credentials"));
	}

	@Test
	void refusesAUsersTokenSoBrowsersCannotUseItAsAPasswordOracle() throws Exception {
		UserAccount user = registered("right password 1");
		check(bearer(user), user.getUsername(), "right password 1").andExpect(status().isForbidden());
	}

	@Test
	void refusesACallWithoutToken() throws Exception {
		this.mvc.perform(post("/internal/credentials/check").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"alice\",\"password\":\"alice-secret\"}")).andExpect(status().isUnauthorized());
	}

	private UserAccount registered(String password) {
		return this.accounts.register(new RegistrationRequest(uniqueUsername(), "Checked", password));
	}

	private ResultActions check(String authorization, String username, String password) throws Exception {
		return this.mvc.perform(post("/internal/credentials/check").header("Authorization", authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password)));
	}
}
