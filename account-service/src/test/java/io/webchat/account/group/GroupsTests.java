package io.webchat.account.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.webchat.account.relations.RelationsReadModel;
import io.webchat.account.user.UserAccount;
import io.webchat.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A group's life: created by its owner, seen only by members, changed by admins, deleted by the owner. */
class GroupsTests extends GroupIntegrationTest {

	@Test
	void listsMyGroupsWithTheirMemberCount() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = this.groups.create(owner.getId(), "Hikers", "weekend walks", 50).getId();
		this.groups.addMember(groupId, member.getId());

		this.mvc.perform(get("/api/accounts/me/groups").header("Authorization", bearer(member)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(groupId))
			.andExpect(jsonPath("$.content[0].name").value("Hikers"))
			.andExpect(jsonPath("$.content[0].ownerId").value(owner.getId()))
			.andExpect(jsonPath("$.content[0].memberCount").value(2));
	}

	@Test
	void showsMembersWithTheirRolesToMembers() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = this.groups.create(owner.getId(), "Roles", "", 50).getId();
		this.groups.addMember(groupId, member.getId());

		this.mvc.perform(get("/api/accounts/groups/{id}/members", groupId).header("Authorization", bearer(member)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[?(@.id == %d)].role".formatted(owner.getId())).value("OWNER"))
			.andExpect(jsonPath("$.content[?(@.id == %d)].role".formatted(member.getId())).value("MEMBER"));
	}

	@Test
	void hidesAGroupFromNonMembers() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount outsider = newUser("Outsider");
		long groupId = this.groups.create(owner.getId(), "Private", "", 50).getId();

		this.mvc.perform(get("/api/accounts/groups/{id}/members", groupId).header("Authorization", bearer(outsider)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:webchat:problem:group-not-found"));
		this.mvc.perform(get("/api/accounts/groups/{id}", groupId).header("Authorization", bearer(outsider)))
			.andExpect(status().isNotFound());
	}

	@Test
	void refusesToAddPastMaxMembers() {
		UserAccount owner = newUser("Owner");
		long groupId = this.groups.create(owner.getId(), "Pair", "", 2).getId();
		this.groups.addMember(groupId, newUser("Second").getId());
		long third = newUser("Third").getId();
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.groups.addMember(groupId, third))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(409));
		assertThat(this.members.countByKeyGroupId(groupId)).isEqualTo(2);
	}

	@Test
	void concurrentJoinsAtTheLimitCannotOverfillTheGroup() throws Exception {
		UserAccount owner = newUser("Owner");
		long groupId = this.groups.create(owner.getId(), "Last seat", "", 3).getId();
		this.groups.addMember(groupId, newUser("Second").getId());
		List<Long> candidates = List.of(newUser("A").getId(), newUser("B").getId(), newUser("C").getId());

		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> attempts = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(candidates.size())) {
			for (long candidate : candidates) {
				Callable<Boolean> join = () -> {
					start.await();
					try {
						this.groups.addMember(groupId, candidate);
						return true;
					}
					catch (ApiProblem groupFull) {
						return false;
					}
				};
				attempts.add(threads.submit(join));
			}
			start.countDown();
		}
		long joined = 0;
		for (Future<Boolean> attempt : attempts) {
			joined += attempt.get() ? 1 : 0;
		}
		assertThat(joined).isEqualTo(1);
		assertThat(this.members.countByKeyGroupId(groupId)).isEqualTo(3);
	}

	@Test
	void createsAGroupWithMeAsOwnerAndFirstMember() throws Exception {
		UserAccount me = newUser("Founder");
		String location = as(me, post("/api/accounts/groups"), """
				{"name": " Hikers ", "brief": "Weekend walks", "maxMembers": 50}""")
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", matchesPattern("/api/accounts/groups/\\d+")))
			.andExpect(jsonPath("$.name").value("Hikers"))
			.andExpect(jsonPath("$.ownerId").value(me.getId()))
			.andExpect(jsonPath("$.maxMembers").value(50))
			.andExpect(jsonPath("$.memberCount").value(1))
			.andReturn()
			.getResponse()
			.getHeader("Location");

		as(me, get(location + "/members")).andExpect(jsonPath("$.content[0].role").value("OWNER"));
		long groupId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(mayMessageGroup(me, groupId)).isTrue();
	}

	@Test
	void createsAGroupOfTwoHundredWhenNoSizeIsGiven() throws Exception {
		UserAccount me = newUser("Founder");
		as(me, post("/api/accounts/groups"), """
				{"name": "Default size"}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.maxMembers").value(200))
			.andExpect(jsonPath("$.brief").value(""));
	}

	@Test
	void refusesANamelessGroupAndASizeOutOfBounds() throws Exception {
		UserAccount me = newUser("Founder");
		as(me, post("/api/accounts/groups"), """
				{"name": " ", "maxMembers": 1}""")
			.andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("name", "maxMembers")));
		as(me, post("/api/accounts/groups"), """
				{"name": "Huge", "maxMembers": 2001}""")
			.andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[0].field").value("maxMembers"));
	}

	@Test
	void theOwnerAndAdminsRenameAndDescribeTheGroup() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		long groupId = groupOf(owner, admin);
		appointAdmin(groupId, owner, admin);

		as(admin, patch("/api/accounts/groups/{id}", groupId), """
				{"name": "Lake walkers", "maxMembers": 20}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Lake walkers"))
			.andExpect(jsonPath("$.maxMembers").value(20))
			.andExpect(jsonPath("$.brief").value(""));
		as(owner, patch("/api/accounts/groups/{id}", groupId), """
				{"brief": "Saturdays at nine"}""")
			.andExpect(jsonPath("$.name").value("Lake walkers"))
			.andExpect(jsonPath("$.brief").value("Saturdays at nine"));
	}

	@Test
	void aPlainMemberMayNotChangeTheGroup() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, member);
		as(member, patch("/api/accounts/groups/{id}", groupId), """
				{"name": "Mine now"}""").andExpect(refused(HttpStatus.FORBIDDEN, "group-admin-required"));
	}

	@Test
	void refusesToShrinkTheGroupBelowTheMembersItHas() throws Exception {
		UserAccount owner = newUser("Owner");
		long groupId = groupOf(owner, newUser("Second"), newUser("Third"));
		as(owner, patch("/api/accounts/groups/{id}", groupId), """
				{"maxMembers": 2}""").andExpect(refused(HttpStatus.CONFLICT, "max-members-below-member-count"));
		as(owner, patch("/api/accounts/groups/{id}", groupId), """
				{"maxMembers": 3}""").andExpect(status().isOk());
	}

	@Test
	void anOutsiderCannotChangeOrDeleteAGroupTheyCannotSee() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount outsider = newUser("Outsider");
		long groupId = groupOf(owner);
		as(outsider, patch("/api/accounts/groups/{id}", groupId), """
				{"name": "Taken"}""").andExpect(refused(HttpStatus.NOT_FOUND, "group-not-found"));
		as(outsider, delete("/api/accounts/groups/{id}", groupId))
			.andExpect(refused(HttpStatus.NOT_FOUND, "group-not-found"));
	}

	@Test
	void onlyTheOwnerMayDeleteTheGroup() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount admin = newUser("Admin");
		long groupId = groupOf(owner, admin);
		appointAdmin(groupId, owner, admin);
		as(admin, delete("/api/accounts/groups/{id}", groupId))
			.andExpect(refused(HttpStatus.FORBIDDEN, "group-owner-required"));
	}

	@Test
	void deletingTheGroupEndsItsChatForTheNextMessage() throws Exception {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = groupOf(owner, member);
		assertThat(mayMessageGroup(member, groupId)).isTrue();

		as(owner, delete("/api/accounts/groups/{id}", groupId)).andExpect(status().isNoContent());

		assertThat(this.redis.hasKey(RelationsReadModel.groupMembersKey(groupId))).as("the set chat-service reads")
			.isFalse();
		as(member, get("/api/accounts/groups/{id}", groupId)).andExpect(refused(HttpStatus.NOT_FOUND, "group-not-found"));
		as(member, get("/api/accounts/me/groups")).andExpect(jsonPath("$.page.totalElements").value(0));
		assertThat(this.members.countByKeyGroupId(groupId)).isZero();
	}
}
