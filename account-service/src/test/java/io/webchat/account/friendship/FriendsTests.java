package io.webchat.account.friendship;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.user.UserAccount;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class FriendsTests extends AccountServiceIntegrationTest {

	@Autowired
	FriendshipService friendships;

	@Test
	void listsFriendsOnBothSidesOfTheFriendship() throws Exception {
		UserAccount me = newUser("Me");
		UserAccount bob = newUser("Bob");
		UserAccount ann = newUser("Ann");
		this.friendships.befriend(me.getId(), bob.getId());
		this.friendships.befriend(ann.getId(), me.getId());

		this.mvc.perform(get("/api/accounts/me/friends").header("Authorization", bearer(me)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].displayName").value(org.hamcrest.Matchers.contains("Ann", "Bob")))
			.andExpect(jsonPath("$.page.totalElements").value(2));
		this.mvc.perform(get("/api/accounts/me/friends").header("Authorization", bearer(bob)))
			.andExpect(jsonPath("$.content[*].id").value(org.hamcrest.Matchers.contains(me.getId().intValue())));
	}

	@Test
	void pagesTheList() throws Exception {
		UserAccount me = newUser("Popular");
		for (int i = 0; i < 3; i++) {
			this.friendships.befriend(me.getId(), newUser("Friend " + i).getId());
		}
		this.mvc.perform(get("/api/accounts/me/friends?size=2&page=1").header("Authorization", bearer(me)))
			.andExpect(jsonPath("$.content.length()").value(1))
			.andExpect(jsonPath("$.page.totalElements").value(3))
			.andExpect(jsonPath("$.page.totalPages").value(2));
	}

	@Test
	void befriendingTwiceKeepsOneFriendship() throws Exception {
		UserAccount me = newUser("Twice");
		UserAccount other = newUser("Other");
		this.friendships.befriend(me.getId(), other.getId());
		this.friendships.befriend(other.getId(), me.getId());
		this.mvc.perform(get("/api/accounts/me/friends").header("Authorization", bearer(me)))
			.andExpect(jsonPath("$.page.totalElements").value(1));
	}
}
