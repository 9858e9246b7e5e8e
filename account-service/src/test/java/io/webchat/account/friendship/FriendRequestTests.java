package io.webchat.account.friendship;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.relations.RelationsReadModel;
import io.webchat.account.user.UserAccount;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A asks B; B accepts or declines; A may cancel while it is pending. */
class FriendRequestTests extends AccountServiceIntegrationTest {

	@Autowired
	FriendshipService friendships;

	@Autowired
	FriendRequestRepository requests;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void sendsARequestAndAnswers201WithItsLocation() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		long requestId = ask(ann, bob);

		as(ann, get("/api/accounts/me/friend-requests/{id}", requestId)).andExpect(status().isOk())
			.andExpect(jsonPath("$.from.id").value(ann.getId()))
			.andExpect(jsonPath("$.to.displayName").value("Bob"))
			.andExpect(jsonPath("$.createdAt").isNotEmpty());
	}

	@Test
	void theAddresseeSeesItAmongReceivedAndTheRequesterAmongSent() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		UserAccount cid = newUser("Cid");
		long fromAnn = ask(ann, bob);
		long fromCid = ask(cid, bob);

		as(bob, get("/api/accounts/me/friend-requests/received"))
			.andExpect(jsonPath("$.content[*].id").value(contains((int) fromCid, (int) fromAnn)))
			.andExpect(jsonPath("$.page.totalElements").value(2));
		as(ann, get("/api/accounts/me/friend-requests/sent"))
			.andExpect(jsonPath("$.content[*].to.id").value(contains(bob.getId().intValue())));
		as(ann, get("/api/accounts/me/friend-requests/received")).andExpect(jsonPath("$.content").value(empty()));
	}

	@Test
	void requestListsArePaged() throws Exception {
		UserAccount popular = newUser("Popular");
		for (int i = 0; i < 3; i++) {
			ask(newUser("Fan " + i), popular);
		}
		as(popular, get("/api/accounts/me/friend-requests/received").param("size", "2").param("page", "1"))
			.andExpect(jsonPath("$.content.length()").value(1))
			.andExpect(jsonPath("$.page.totalElements").value(3));
	}

	@Test
	void acceptingMakesTheFriendshipSymmetricAndAnswers201WithTheNewFriend() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		long requestId = ask(ann, bob);

		as(bob, post("/api/accounts/me/friend-requests/{id}/acceptance", requestId))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/me/friends/" + ann.getId()))
			.andExpect(jsonPath("$.id").value(ann.getId()));

		as(ann, get("/api/accounts/me/friends/{id}", bob.getId())).andExpect(status().isOk());
		as(bob, get("/api/accounts/me/friends/{id}", ann.getId())).andExpect(status().isOk());
		assertThat(mayMessage(ann, bob)).isTrue();
		assertThat(mayMessage(bob, ann)).isTrue();
		assertThat(this.requests.findById(requestId)).isEmpty();
	}

	@Test
	void decliningRemovesTheRequestWithoutAFriendship() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		long requestId = ask(ann, bob);

		as(bob, delete("/api/accounts/me/friend-requests/{id}", requestId)).andExpect(status().isNoContent());

		assertThat(this.friendships.areFriends(ann.getId(), bob.getId())).isFalse();
		as(ann, get("/api/accounts/me/friend-requests/sent")).andExpect(jsonPath("$.content").value(empty()));
		as(bob, post("/api/accounts/me/friend-requests/{id}/acceptance", requestId))
			.andExpect(refused(HttpStatus.NOT_FOUND, "friend-request-not-found"));
	}

	@Test
	void theRequesterMayCancelWhilePendingAndAskAgainLater() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		long requestId = ask(ann, bob);

		as(ann, delete("/api/accounts/me/friend-requests/{id}", requestId)).andExpect(status().isNoContent());

		as(bob, get("/api/accounts/me/friend-requests/received")).andExpect(jsonPath("$.content").value(empty()));
		ask(ann, bob);
	}

	@Test
	void aRequestToSomeoneWhoAskedMeAcceptsTheirsAndAnswers200WithTheFriend() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		long annsRequest = ask(ann, bob);

		as(bob, ask(ann.getId())).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(ann.getId()));

		assertThat(this.friendships.areFriends(ann.getId(), bob.getId())).isTrue();
		assertThat(this.requests.findById(annsRequest)).isEmpty();
		assertThat(mayMessage(ann, bob)).isTrue();
	}

	@Test
	void refusesARequestToMyself() throws Exception {
		UserAccount ann = newUser("Ann");
		as(ann, ask(ann.getId())).andExpect(refused(HttpStatus.BAD_REQUEST, "friend-request-to-self"));
	}

	@Test
	void refusesARequestToAFriend() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		this.friendships.befriend(ann.getId(), bob.getId());
		as(ann, ask(bob.getId())).andExpect(refused(HttpStatus.CONFLICT, "already-friends"));
	}

	@Test
	void refusesTheSameRequestTwice() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		ask(ann, bob);
		as(ann, ask(bob.getId())).andExpect(refused(HttpStatus.CONFLICT, "friend-request-pending"));
	}

	@Test
	void refusesARequestToAnUnknownUser() throws Exception {
		UserAccount ann = newUser("Ann");
		as(ann, ask(Long.MAX_VALUE)).andExpect(refused(HttpStatus.NOT_FOUND, "user-not-found"));
	}

	@Test
	void refusesARequestWithoutAUserId() throws Exception {
		UserAccount ann = newUser("Ann");
		as(ann, post("/api/accounts/me/friend-requests"), "{}").andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[0].field").value("userId"));
	}

	@Test
	void onlyTheAddresseeMayAccept() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		long requestId = ask(ann, bob);
		as(ann, post("/api/accounts/me/friend-requests/{id}/acceptance", requestId))
			.andExpect(refused(HttpStatus.FORBIDDEN, "not-the-addressee"));
		assertThat(this.friendships.areFriends(ann.getId(), bob.getId())).isFalse();
	}

	@Test
	void aRequestDoesNotExistForAnyoneElse() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		UserAccount eve = newUser("Eve");
		long requestId = ask(ann, bob);

		as(eve, get("/api/accounts/me/friend-requests/{id}", requestId))
			.andExpect(refused(HttpStatus.NOT_FOUND, "friend-request-not-found"));
		as(eve, post("/api/accounts/me/friend-requests/{id}/acceptance", requestId))
			.andExpect(refused(HttpStatus.NOT_FOUND, "friend-request-not-found"));
		as(eve, delete("/api/accounts/me/friend-requests/{id}", requestId))
			.andExpect(refused(HttpStatus.NOT_FOUND, "friend-request-not-found"));
		assertThat(this.requests.findById(requestId)).isPresent();
	}

	/** {@code from} asks {@code to} over the API; answers the new request's id. */
	private long ask(UserAccount from, UserAccount to) throws Exception {
		String location = as(from, ask(to.getId())).andExpect(status().isCreated())
			.andExpect(jsonPath("$.to.id").value(to.getId()))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(location).matches("/api/accounts/me/friend-requests/\\d+");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private static MockHttpServletRequestBuilder ask(long userId) {
		return post("/api/accounts/me/friend-requests").contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": " + userId + "}");
	}

	/** What chat-service asks before it delivers a message from {@code from} to {@code to}. */
	private boolean mayMessage(UserAccount from, UserAccount to) {
		return Boolean.TRUE.equals(
				this.redis.opsForSet().isMember(RelationsReadModel.friendsKey(from.getId()), to.getId().toString()));
	}
}
