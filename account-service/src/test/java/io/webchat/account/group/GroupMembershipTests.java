package io.webchat.account.group;

import io.webchat.account.user.UserAccount;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The owner and admins add and remove members; a member may leave; a full group takes nobody. */
class GroupMembershipTests extends GroupIntegrationTest {

	@Test
	void theOwnerAddsAMemberWhoMayMessageTheGroupAtOnce() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount newcomer = newUser("Newcomer");
		long groupId = groupOf(owner);

		as(owner, post("/api/accounts/groups/{id}/members", groupId), """
				{"userId": %d}""".formatted(newcomer.getId()))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/groups/" + groupId + "/members/" + newcomer.getId()))
			.andExpect(jsonPath("$.id").value(newcomer.getId()))
			.andExpect(jsonPath("$.role").value("MEMBER"));

		assertThat(mayMessageGroup(newcomer, groupId)).isTrue();
		as(newcomer, get("/api/accounts/groups/{id}/members/{userId}", groupId, owner.getId()))
			.andExpect(jsonPath("$.role").value("OWNER"));
	}

	@Test
	void anAdminAddsMembersButAPlainMemberMayNot() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, admin, member);
		appointAdmin(groupId, owner, admin);

		as(admin, addTo(groupId), newMember(newUser("Invited"))).andExpect(status().isCreated());
		as(member, addTo(groupId), newMember(newUser("Uninvited")))
			.andExpect(refused(HttpStatus.FORBIDDEN, "group-admin-required"));
	}

	@Test
	void refusesToAddAMemberTwiceOrSomeoneWhoDoesNotExist() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, member);

		as(owner, addTo(groupId), newMember(member)).andExpect(refused(HttpStatus.CONFLICT, "already-a-member"));
		as(owner, addTo(groupId), "{\"userId\": " + Long.MAX_VALUE + "}")
			.andExpect(refused(HttpStatus.NOT_FOUND, "user-not-found"));
	}

	@Test
	void refusesToAddPastMaxMembers() throws Exception {
		UserAccount owner = newUser("Owner");
		long groupId = this.groups.create(owner.getId(), "Pair", "", 2).getId();
		this.groups.addMember(groupId, newUser("Second").getId());

		as(owner, addTo(groupId), newMember(newUser("Third"))).andExpect(refused(HttpStatus.CONFLICT, "group-full"));
		assertThat(this.members.countByKeyGroupId(groupId)).isEqualTo(2);
	}

	@Test
	void anOutsiderCannotAddToAGroupTheyCannotSee() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount outsider = newUser("Outsider");
		long groupId = groupOf(owner);
		as(outsider, addTo(groupId), newMember(outsider)).andExpect(refused(HttpStatus.NOT_FOUND, "group-not-found"));
	}

	@Test
	void anAdminRemovesAMemberWhoseNextMessageIsRefused() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, admin, member);
		appointAdmin(groupId, owner, admin);
		assertThat(mayMessageGroup(member, groupId)).isTrue();

		as(admin, delete("/api/accounts/groups/{id}/members/{userId}", groupId, member.getId()))
			.andExpect(status().isNoContent());

		// chat-service reads this set before every group message; it changed before the 204 left
		assertThat(mayMessageGroup(member, groupId)).isFalse();
		as(member, get("/api/accounts/groups/{id}", groupId)).andExpect(refused(HttpStatus.NOT_FOUND, "group-not-found"));
	}

	@Test
	void onlyTheOwnerRemovesAnAdmin() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		UserAccount otherAdmin = newUser("Other admin");
		long groupId = groupOf(owner, admin, otherAdmin);
		appointAdmin(groupId, owner, admin);
		appointAdmin(groupId, owner, otherAdmin);

		as(admin, delete("/api/accounts/groups/{id}/members/{userId}", groupId, otherAdmin.getId()))
			.andExpect(refused(HttpStatus.FORBIDDEN, "group-owner-required"));
		as(owner, delete("/api/accounts/groups/{id}/members/{userId}", groupId, otherAdmin.getId()))
			.andExpect(status().isNoContent());
	}

	@Test
	void aPlainMemberMayNotRemoveOthers() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		UserAccount other = newUser("Other");
		long groupId = groupOf(owner, member, other);
		as(member, delete("/api/accounts/groups/{id}/members/{userId}", groupId, other.getId()))
			.andExpect(refused(HttpStatus.FORBIDDEN, "group-admin-required"));
	}

	@Test
	void nobodyRemovesTheOwner() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		long groupId = groupOf(owner, admin);
		appointAdmin(groupId, owner, admin);
		as(admin, delete("/api/accounts/groups/{id}/members/{userId}", groupId, owner.getId()))
			.andExpect(refused(HttpStatus.CONFLICT, "owner-role-fixed"));
	}

	@Test
	void refusesToRemoveSomeoneWhoIsNotAMember() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount stranger = newUser("Stranger");
		long groupId = groupOf(owner);
		as(owner, delete("/api/accounts/groups/{id}/members/{userId}", groupId, stranger.getId()))
			.andExpect(refused(HttpStatus.NOT_FOUND, "member-not-found"));
	}

	@Test
	void aMemberMayLeave() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, member);

		as(member, delete("/api/accounts/groups/{id}/members/{userId}", groupId, member.getId()))
			.andExpect(status().isNoContent());

		assertThat(mayMessageGroup(member, groupId)).isFalse();
		as(member, get("/api/accounts/me/groups")).andExpect(jsonPath("$.page.totalElements").value(0));
	}

	@Test
	void theOwnerMayNotLeaveWithoutHandingTheGroupOn() throws Exception {
		UserAccount owner = newUser("Owner");
		long groupId = groupOf(owner, newUser("Member"));
		as(owner, delete("/api/accounts/groups/{id}/members/{userId}", groupId, owner.getId()))
			.andExpect(refused(HttpStatus.CONFLICT, "owner-cannot-leave"));
		assertThat(mayMessageGroup(owner, groupId)).isTrue();
	}

	@Test
	void onlyMembersSeeAMember() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount outsider = newUser("Outsider");
		long groupId = groupOf(owner);
		as(outsider, get("/api/accounts/groups/{id}/members/{userId}", groupId, owner.getId()))
			.andExpect(refused(HttpStatus.NOT_FOUND, "group-not-found"));
		as(owner, get("/api/accounts/groups/{id}/members/{userId}", groupId, outsider.getId()))
			.andExpect(refused(HttpStatus.NOT_FOUND, "member-not-found"));
	}

	private static MockHttpServletRequestBuilder addTo(long groupId) {
		return post("/api/accounts/groups/{id}/members", groupId);
	}

	private static String newMember(UserAccount user) {
		return "{\"userId\": " + user.getId() + "}";
	}
}
