package io.webchat.account.user;

import java.time.Instant;
import java.util.List;

import io.webchat.account.system.AccountProblem;
import io.webchat.account.system.ControllerSliceConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static io.webchat.account.system.ControllerSliceConfiguration.user;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP face of users: statuses, headers, validation; the service is a mock. */
@WebMvcTest(UserController.class)
@Import(ControllerSliceConfiguration.class)
class UserControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	UserAccountService accounts;

	@Test
	void registrationNeedsNoLoginAndAnswers201WithLocation() throws Exception {
		given(this.accounts.register(any())).willReturn(account(4, "xiaoyu", "小雨"));
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "xiaoyu", "displayName": "小雨", "password": "plum tree at dusk"}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/users/4"))
			.andExpect(jsonPath("$.displayName").value("小雨"))
			.andExpect(jsonPath("$.password").doesNotExist());
	}

	@Test
	void refusesEveryBadFieldOfARegistrationBeforeTheServiceSeesIt() throws Exception {
		this.mvc.perform(post("/api/accounts/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "no spaces", "displayName": "", "password": "password123"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("username", "displayName", "password")));
		verifyNoInteractions(this.accounts);
	}

	@Test
	void everythingElseNeedsALogin() throws Exception {
		this.mvc.perform(get("/api/accounts/me")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/accounts/users").param("query", "a")).andExpect(status().isUnauthorized());
	}

	@Test
	void searchesWithTheQueryAndPageAsked() throws Exception {
		given(this.accounts.search("ali", 7, PageRequest.of(1, 5)))
			.willReturn(new PageImpl<>(List.of(account(2, "alice", "Alice")), PageRequest.of(1, 5), 6));
		this.mvc.perform(get("/api/accounts/users").param("query", "ali").param("page", "1").param("size", "5").with(user(7)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].username").value("alice"))
			.andExpect(jsonPath("$.page.totalElements").value(6))
			.andExpect(jsonPath("$.page.number").value(1));
	}

	@Test
	void refusesANegativePageAndAZeroSize() throws Exception {
		this.mvc.perform(get("/api/accounts/users").param("query", "a").param("page", "-1").param("size", "0").with(user(7)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("page", "size")));
	}

	@Test
	void changesMyDisplayName() throws Exception {
		given(this.accounts.changeDisplayName(7, "小雨")).willReturn(account(7, "me", "小雨"));
		this.mvc.perform(patch("/api/accounts/me").with(user(7)).contentType(MediaType.APPLICATION_JSON).content("""
				{"displayName": "小雨"}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("小雨"));
	}

	@Test
	void aPasswordChangeAnswers204() throws Exception {
		this.mvc.perform(put("/api/accounts/me/password").with(user(7)).contentType(MediaType.APPLICATION_JSON).content("""
				{"currentPassword": "plum tree at dusk", "newPassword": "rain on the old bridge"}"""))
			.andExpect(status().isNoContent());
		verify(this.accounts).changePassword(7, "plum tree at dusk", "rain on the old bridge");
	}

	@Test
	void aWrongCurrentPasswordIsA403Problem() throws Exception {
		willThrow(AccountProblem.CURRENT_PASSWORD_WRONG.withDetail("wrong")).given(this.accounts)
			.changePassword(any(Long.class), any(), any());
		this.mvc.perform(put("/api/accounts/me/password").with(user(7)).contentType(MediaType.APPLICATION_JSON).content("""
				{"currentPassword": "guess guess", "newPassword": "rain on the old bridge"}"""))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:current-password-wrong"));
	}

	private static UserAccount account(long id, String username, String displayName) {
		UserAccount user = new UserAccount(username, displayName, "{noop}x", Instant.now());
		ReflectionTestUtils.setField(user, "id", id);
		return user;
	}
}
