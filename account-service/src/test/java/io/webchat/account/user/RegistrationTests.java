package io.webchat.account.user;

import io.webchat.account.AccountServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RegistrationTests extends AccountServiceIntegrationTest {

	@Autowired
	UserAccountRepository users;

	@Test
	void registersWithoutLoginAndAnswersWithLocationOfTheNewUser() throws Exception {
		String username = uniqueUsername();
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "小雨", "password": "a long password 1"}""".formatted(username)))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern("/api/accounts/users/\\d+")))
			.andExpect(jsonPath("$.username").value(username))
			.andExpect(jsonPath("$.displayName").value("小雨"))
			.andExpect(jsonPath("$.password").doesNotExist());
	}

	@Test
	void storesThePasswordOnlyAsABcryptHash() throws Exception {
		String username = uniqueUsername();
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "Hash", "password": "a long password 1"}""".formatted(username)))
			.andExpect(status().isCreated());
		String hash = this.users.findByUsernameKey(username.toLowerCase()).orElseThrow().getPasswordHash();
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("a long password 1");
	}

	@Test
	void refusesAUsernameThatDiffersOnlyInCase() throws Exception {
		String username = uniqueUsername();
		newUserNamed(username);
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "Twin", "password": "a long password 1"}""".formatted(username.toUpperCase())))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:username-taken"));
	}

	@Test
	void listsEveryInvalidFieldInOneProblem() throws Exception {
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "a b", "displayName": " ", "password": "short"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:validation"))
			.andExpect(jsonPath("$.errors[*].field").value(
					org.hamcrest.Matchers.containsInAnyOrder("username", "displayName", "password")));
	}

	@Test
	void refusesUnknownFieldsAndMalformedJson() throws Exception {
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "X", "password": "a long password 1", "admin": true}"""
			.formatted(uniqueUsername())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("admin"));
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("{\"username\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void refusesOneOfTheCommonestPasswordsWhateverItsCase() throws Exception {
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "Guessable", "password": "PassWord123"}""".formatted(uniqueUsername())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:validation"))
			.andExpect(jsonPath("$.errors[0].field").value("password"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("most common")));
	}

	@Test
	void refusesAPasswordLongerThanBcryptReadsInsteadOfFailing() throws Exception {
		String thirtyChineseCharacters = "春眠不觉晓处处闻啼鸟夜来风雨声花落知多少床前明月光疑是地上霜举";
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "诗人", "password": "%s"}""".formatted(uniqueUsername(),
				thirtyChineseCharacters)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("password"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("72 bytes")));
	}

	@Test
	void acceptsAPasswordOfAnyScriptWithinTheLimit() throws Exception {
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "%s", "displayName": "诗人", "password": "春眠不觉晓处处闻啼鸟"}""".formatted(uniqueUsername())))
			.andExpect(status().isCreated());
	}

	private void newUserNamed(String username) {
		this.accounts.register(new RegistrationRequest(username, "First", "a long password 1"));
	}
}
