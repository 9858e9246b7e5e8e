package io.webchat.account.friendship;

import java.time.Instant;

import io.webchat.account.friendship.FriendRequestOutcome.AlreadyFriends;
import io.webchat.account.friendship.FriendRequestOutcome.BecameFriends;
import io.webchat.account.friendship.FriendRequestOutcome.Pending;
import io.webchat.account.system.AccountProblem;
import io.webchat.account.system.ControllerSliceConfiguration;
import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static io.webchat.account.system.ControllerSliceConfiguration.user;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Which answer each outcome of a friend-request call gets; the service is a mock. */
@WebMvcTest({ FriendRequestController.class, FriendshipController.class })
@Import(ControllerSliceConfiguration.class)
class FriendRequestControllerTests {

	private static final UserAccount ANN = account(1, "ann", "Ann");

	private static final UserAccount BOB = account(2, "bob", "Bob");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	FriendRequestService requests;

	@MockitoBean
	FriendshipService friendships;

	@Test
	void aNewRequestIs201WithItsLocation() throws Exception {
		given(this.requests.send(1, 2)).willReturn(new Pending(new FriendRequestView(7, UserSummary.of(ANN),
				UserSummary.of(BOB), Instant.parse("2026-01-31T09:30:00Z"))));
		this.mvc.perform(post("/api/accounts/me/friend-requests").with(user(1)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": 2}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/me/friend-requests/7"))
			.andExpect(jsonPath("$.to.username").value("bob"))
			.andExpect(jsonPath("$.createdAt").value("2026-01-31T09:30:00Z"));
	}

	@Test
	void aRequestThatAcceptedTheirsIs200WithTheNewFriend() throws Exception {
		given(this.requests.send(2, 1)).willReturn(new BecameFriends(ANN));
		this.mvc.perform(post("/api/accounts/me/friend-requests").with(user(2)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": 1}"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Location"))
			.andExpect(jsonPath("$.username").value("ann"));
	}

	@Test
	void refusesAMissingOrNonPositiveUserIdBeforeTheServiceSeesIt() throws Exception {
		for (String body : new String[] { "{}", "{\"userId\": 0}", "{\"userId\": \"bob\"}" }) {
			this.mvc.perform(post("/api/accounts/me/friend-requests").with(user(1)).contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("userId"));
		}
		verifyNoInteractions(this.requests);
	}

	@Test
	void anAcceptanceIs201WithTheNewFriendsLocation() throws Exception {
		given(this.requests.accept(2, 7)).willReturn(new BecameFriends(ANN));
		this.mvc.perform(post("/api/accounts/me/friend-requests/7/acceptance").with(user(2)))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/me/friends/1"))
			.andExpect(jsonPath("$.id").value(1));
	}

	@Test
	void anAcceptanceThatLostARaceToAnotherIs200() throws Exception {
		given(this.requests.accept(2, 7)).willReturn(new AlreadyFriends(ANN));
		this.mvc.perform(post("/api/accounts/me/friend-requests/7/acceptance").with(user(2)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(1));
	}

	@Test
	void aRefusalOfTheServiceIsAProblemDocument() throws Exception {
		given(this.requests.accept(1, 7)).willThrow(AccountProblem.NOT_THE_ADDRESSEE.withDetail("not yours"));
		this.mvc.perform(post("/api/accounts/me/friend-requests/7/acceptance").with(user(1)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:not-the-addressee"))
			.andExpect(jsonPath("$.detail").value("not yours"));
	}

	@Test
	void decliningAndUnfriendingAnswer204() throws Exception {
		this.mvc.perform(delete("/api/accounts/me/friend-requests/7").with(user(2))).andExpect(status().isNoContent());
		verify(this.requests).dismiss(2, 7);
		this.mvc.perform(delete("/api/accounts/me/friends/1").with(user(2))).andExpect(status().isNoContent());
		verify(this.friendships).unfriend(2, 1);
	}

	@Test
	void unfriendingAStrangerIsA404Problem() throws Exception {
		willThrow(AccountProblem.FRIEND_NOT_FOUND.withDetail("no")).given(this.friendships).unfriend(2, 9);
		this.mvc.perform(delete("/api/accounts/me/friends/9").with(user(2)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:friend-not-found"));
	}

	private static UserAccount account(long id, String username, String displayName) {
		UserAccount user = new UserAccount(username, displayName, "{noop}x", Instant.now());
		ReflectionTestUtils.setField(user, "id", id);
		return user;
	}
}
