package io.webchat.account.user;

import io.webchat.account.AccountServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** My profile: read it, rename myself, change my password with the old one. */
@RecordApplicationEvents
class MyProfileTests extends AccountServiceIntegrationTest {

	@Autowired
	ApplicationEvents events;

	@Test
	void changesMyDisplayNameToAnyScript() throws Exception {
		UserAccount me = newUser("Rain");
		as(me, patch("/api/accounts/me"), """
				{"displayName": " 小雨 "}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("小雨"));
		as(me, get("/api/accounts/me")).andExpect(jsonPath("$.displayName").value("小雨"));
	}

	@Test
	void refusesABlankOrOverlongDisplayName() throws Exception {
		UserAccount me = newUser("Kept");
		as(me, patch("/api/accounts/me"), """
				{"displayName": "  "}""").andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[0].field").value("displayName"));
		as(me, patch("/api/accounts/me"), """
				{"displayName": "%s"}""".formatted("x".repeat(65))).andExpect(refused(HttpStatus.BAD_REQUEST, "validation"));
		as(me, get("/api/accounts/me")).andExpect(jsonPath("$.displayName").value("Kept"));
	}

	@Test
	void changesMyPasswordWhenTheCurrentOneIsRight() throws Exception {
		UserAccount me = newUser("Changer");
		as(me, put("/api/accounts/me/password"), """
				{"currentPassword": "a long password 1", "newPassword": "rain on the old bridge"}""")
			.andExpect(status().isNoContent());
		assertThat(this.accounts.checkCredentials(me.getUsername(), "rain on the old bridge")).isPresent();
		assertThat(this.accounts.checkCredentials(me.getUsername(), "a long password 1")).isEmpty();
	}

	@Test
	void refusesAPasswordChangeWithAWrongCurrentPassword() throws Exception {
		UserAccount me = newUser("Guarded");
		as(me, put("/api/accounts/me/password"), """
				{"currentPassword": "not my password", "newPassword": "rain on the old bridge"}""")
			.andExpect(refused(HttpStatus.FORBIDDEN, "current-password-wrong"));
		assertThat(this.accounts.checkCredentials(me.getUsername(), "a long password 1")).isPresent();
	}

	@Test
	void refusesACommonOrShortNewPassword() throws Exception {
		UserAccount me = newUser("Careful");
		as(me, put("/api/accounts/me/password"), """
				{"currentPassword": "a long password 1", "newPassword": "iloveyou"}""")
			.andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[0].field").value("newPassword"));
		as(me, put("/api/accounts/me/password"), """
				{"currentPassword": "a long password 1", "newPassword": "short"}""")
			.andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[0].message").value("must be at least 8 characters"));
	}

	@Test
	void announcesAPasswordChangeSoThatSessionsCanBeEnded() throws Exception {
		UserAccount me = newUser("Announcer");
		as(me, put("/api/accounts/me/password"), """
				{"currentPassword": "a long password 1", "newPassword": "rain on the old bridge"}""")
			.andExpect(status().isNoContent());
		assertThat(this.events.stream(PasswordChanged.class)).containsExactly(new PasswordChanged(me.getId()));
	}
}
