package io.webchat.account.group;

import java.time.Instant;

import io.webchat.account.system.AccountProblem;
import io.webchat.account.system.ControllerSliceConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static io.webchat.account.system.ControllerSliceConfiguration.user;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP face of groups and their members; the service is a mock. */
@WebMvcTest({ GroupController.class, GroupMembershipController.class })
@Import(ControllerSliceConfiguration.class)
class GroupControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	GroupService groups;

	@Test
	void createsWithAnEmptyBriefAndTwoHundredMembersWhenLeftOut() throws Exception {
		ChatGroup created = new ChatGroup("Hikers", "", 7, 200, Instant.now());
		ReflectionTestUtils.setField(created, "id", 5L);
		given(this.groups.create(7, "Hikers", "", 200)).willReturn(created);
		given(this.groups.groupForMember(5, 7)).willReturn(new GroupSummary(5, "Hikers", "", 7, 200, 1));

		this.mvc.perform(post("/api/accounts/groups").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Hikers\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/groups/5"))
			.andExpect(jsonPath("$.memberCount").value(1));
	}

	@Test
	void refusesAGroupWithoutANameOrWithAnUnknownField() throws Exception {
		this.mvc.perform(post("/api/accounts/groups").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"brief\": \"no name\", \"maxMembers\": 5000}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("name", "maxMembers")));
		this.mvc.perform(post("/api/accounts/groups").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Hikers\", \"ownerId\": 1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("ownerId"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void aChangePassesOnlyTheFieldsGiven() throws Exception {
		given(this.groups.update(7, 5, null, "Saturdays", null)).willReturn(new GroupSummary(5, "Hikers", "Saturdays", 7, 200, 3));
		this.mvc.perform(patch("/api/accounts/groups/5").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"brief\": \"Saturdays\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.brief").value("Saturdays"));
	}

	@Test
	void refusesToRenameTheGroupToBlanks() throws Exception {
		this.mvc.perform(patch("/api/accounts/groups/5").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"   \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void addingAMemberIs201WithTheMembershipsLocation() throws Exception {
		given(this.groups.addMember(7, 5, 3)).willReturn(new GroupMemberView(3, "cid", "Cid", GroupRole.MEMBER));
		this.mvc.perform(post("/api/accounts/groups/5/members").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": 3}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/groups/5/members/3"))
			.andExpect(jsonPath("$.role").value("MEMBER"));
	}

	@Test
	void aFullGroupIsA409Problem() throws Exception {
		given(this.groups.addMember(7, 5, 3)).willThrow(AccountProblem.GROUP_FULL.withDetail("full"));
		this.mvc.perform(post("/api/accounts/groups/5/members").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": 3}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:group-full"));
	}

	@Test
	void roleChangesAnswer204() throws Exception {
		this.mvc.perform(put("/api/accounts/groups/5/admins/3").with(user(7))).andExpect(status().isNoContent());
		verify(this.groups).changeAdmin(7, 5, 3, true);
		this.mvc.perform(delete("/api/accounts/groups/5/admins/3").with(user(7))).andExpect(status().isNoContent());
		verify(this.groups).changeAdmin(7, 5, 3, false);
		this.mvc.perform(put("/api/accounts/groups/5/owner").with(user(7)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": 3}")).andExpect(status().isNoContent());
		verify(this.groups).transferOwnership(7, 5, 3);
	}

	@Test
	void leavingAndDeletingAnswer204() throws Exception {
		this.mvc.perform(delete("/api/accounts/groups/5/members/7").with(user(7))).andExpect(status().isNoContent());
		verify(this.groups).removeMember(7, 5, 7);
		willThrow(AccountProblem.GROUP_OWNER_REQUIRED.withDetail("owner only")).given(this.groups).delete(8, 5);
		this.mvc.perform(delete("/api/accounts/groups/5").with(user(8)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:group-owner-required"));
	}

	@Test
	void refusesAPageLargerThanAThousand() throws Exception {
		this.mvc.perform(get("/api/accounts/groups/5/members").param("size", "1001").with(user(7)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}
}
