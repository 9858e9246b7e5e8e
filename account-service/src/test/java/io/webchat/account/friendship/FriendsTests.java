package io.webchat.account.friendship;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.relations.RelationsReadModel;
import io.webchat.account.user.UserAccount;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class FriendsTests extends AccountServiceIntegrationTest {

	@Autowired
	FriendshipService friendships;

	@Autowired
	StringRedisTemplate redis;

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

	@Test
	void showsOneFriendButNotAStranger() throws Exception {
		UserAccount me = newUser("Me");
		UserAccount friend = newUser("Friend");
		UserAccount stranger = newUser("Stranger");
		this.friendships.befriend(me.getId(), friend.getId());

		as(me, get("/api/accounts/me/friends/{id}", friend.getId())).andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("Friend"));
		as(me, get("/api/accounts/me/friends/{id}", stranger.getId()))
			.andExpect(refused(HttpStatus.NOT_FOUND, "friend-not-found"));
	}

	@Test
	void eitherFriendMayEndTheFriendshipForBoth() throws Exception {
		UserAccount me = newUser("Me");
		UserAccount other = newUser("Other");
		this.friendships.befriend(me.getId(), other.getId());

		as(other, delete("/api/accounts/me/friends/{id}", me.getId())).andExpect(status().isNoContent());

		as(me, get("/api/accounts/me/friends")).andExpect(jsonPath("$.page.totalElements").value(0));
		as(other, get("/api/accounts/me/friends")).andExpect(jsonPath("$.page.totalElements").value(0));
	}

	@Test
	void endingAFriendshipTakesEffectForTheNextMessage() throws Exception {
		UserAccount me = newUser("Me");
		UserAccount other = newUser("Other");
		this.friendships.befriend(me.getId(), other.getId());
		assertThat(mayMessage(me, other)).isTrue();

		as(me, delete("/api/accounts/me/friends/{id}", other.getId())).andExpect(status().isNoContent());

		// chat-service asks exactly this before delivering; the answer changed before the 204 left
		assertThat(mayMessage(me, other)).isFalse();
		assertThat(mayMessage(other, me)).isFalse();
	}

	@Test
	void refusesToEndAFriendshipThatDoesNotExist() throws Exception {
		UserAccount me = newUser("Me");
		UserAccount stranger = newUser("Stranger");
		as(me, delete("/api/accounts/me/friends/{id}", stranger.getId()))
			.andExpect(refused(HttpStatus.NOT_FOUND, "friend-not-found"));
	}

	private boolean mayMessage(UserAccount from, UserAccount to) {
		return Boolean.TRUE.equals(
				this.redis.opsForSet().isMember(RelationsReadModel.friendsKey(from.getId()), to.getId().toString()));
	}
}
