package io.webchat.account.group;

import io.webchat.account.user.UserAccount;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Only the owner appoints and dismisses admins and hands the group on. */
class GroupRolesTests extends GroupIntegrationTest {

	@Test
	void theOwnerAppointsAndDismissesAnAdmin() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, member);

		as(owner, put("/api/accounts/groups/{id}/admins/{userId}", groupId, member.getId()))
			.andExpect(status().isNoContent());
		as(owner, get("/api/accounts/groups/{id}/members/{userId}", groupId, member.getId()))
			.andExpect(jsonPath("$.role").value("ADMIN"));

		as(owner, delete("/api/accounts/groups/{id}/admins/{userId}", groupId, member.getId()))
			.andExpect(status().isNoContent());
		as(owner, get("/api/accounts/groups/{id}/members/{userId}", groupId, member.getId()))
			.andExpect(jsonPath("$.role").value("MEMBER"));
	}

	@Test
	void anAdminMayNotAppointOrDismissAdmins() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, admin, member);
		appointAdmin(groupId, owner, admin);

		as(admin, put("/api/accounts/groups/{id}/admins/{userId}", groupId, member.getId()))
			.andExpect(refused(HttpStatus.FORBIDDEN, "group-owner-required"));
		as(admin, delete("/api/accounts/groups/{id}/admins/{userId}", groupId, admin.getId()))
			.andExpect(refused(HttpStatus.FORBIDDEN, "group-owner-required"));
	}

	@Test
	void theOwnersRoleCannotBeChangedAsAnAdmin() throws Exception {
		UserAccount owner = newUser("Owner");
		long groupId = groupOf(owner);
		as(owner, put("/api/accounts/groups/{id}/admins/{userId}", groupId, owner.getId()))
			.andExpect(refused(HttpStatus.CONFLICT, "owner-role-fixed"));
		as(owner, delete("/api/accounts/groups/{id}/admins/{userId}", groupId, owner.getId()))
			.andExpect(refused(HttpStatus.CONFLICT, "owner-role-fixed"));
	}

	@Test
	void onlyMembersCanBeAppointed() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount stranger = newUser("Stranger");
		long groupId = groupOf(owner);
		as(owner, put("/api/accounts/groups/{id}/admins/{userId}", groupId, stranger.getId()))
			.andExpect(refused(HttpStatus.NOT_FOUND, "member-not-found"));
	}

	@Test
	void ownershipPassesToAMemberAndTheOldOwnerStaysAsAnAdminFreeToLeave() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount heir = newUser("Heir");
		long groupId = groupOf(owner, heir);

		as(owner, put("/api/accounts/groups/{id}/owner", groupId), """
				{"userId": %d}""".formatted(heir.getId())).andExpect(status().isNoContent());

		as(heir, get("/api/accounts/groups/{id}", groupId)).andExpect(jsonPath("$.ownerId").value(heir.getId()));
		as(heir, get("/api/accounts/groups/{id}/members/{userId}", groupId, owner.getId()))
			.andExpect(jsonPath("$.role").value("ADMIN"));
		as(owner, delete("/api/accounts/groups/{id}/members/{userId}", groupId, owner.getId()))
			.andExpect(status().isNoContent());
		as(heir, delete("/api/accounts/groups/{id}", groupId)).andExpect(status().isNoContent());
	}

	@Test
	void onlyTheOwnerHandsTheGroupOnAndOnlyToAMember() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		UserAccount stranger = newUser("Stranger");
		long groupId = groupOf(owner, admin);
		appointAdmin(groupId, owner, admin);

		as(admin, put("/api/accounts/groups/{id}/owner", groupId), """
				{"userId": %d}""".formatted(admin.getId())).andExpect(refused(HttpStatus.FORBIDDEN, "group-owner-required"));
		as(owner, put("/api/accounts/groups/{id}/owner", groupId), """
				{"userId": %d}""".formatted(stranger.getId())).andExpect(refused(HttpStatus.NOT_FOUND, "member-not-found"));
		as(owner, get("/api/accounts/groups/{id}", groupId)).andExpect(jsonPath("$.ownerId").value(owner.getId()));
	}
}
