package io.webchat.account.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.user.UserAccount;
import io.webchat.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class GroupsTests extends AccountServiceIntegrationTest {

	@Autowired
	GroupService groups;

	@Autowired
	GroupMemberRepository members;

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
}
