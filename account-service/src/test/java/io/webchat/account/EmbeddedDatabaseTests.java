package io.webchat.account;

import io.webchat.account.friendship.FriendRequestOutcome;
import io.webchat.account.friendship.FriendRequestService;
import io.webchat.account.friendship.FriendshipService;
import io.webchat.account.group.GroupService;
import io.webchat.account.user.RegistrationRequest;
import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountService;
import io.webchat.problem.ApiProblem;
import io.webchat.testsupport.RedisTestService;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The run command's default database: H2 in MySQL mode. The same migrations and queries
 * (including the native row lock) must work there as on MySQL.
 */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:account-embedded;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.data.redis.url=${TEST_EMBEDDED_REDIS_URL:redis://127.0.0.1:6379/10}", "webchat.demo-data.enabled=true" })
@Import(RedisTestService.class)
class EmbeddedDatabaseTests {

	@Autowired
	UserAccountService accounts;

	@Autowired
	FriendshipService friendships;

	@Autowired
	GroupService groups;

	@Autowired
	FriendRequestService requests;

	@DynamicPropertySource
	static void trustTheTestKeys(DynamicPropertyRegistry registry) {
		TestIdentityKeys.registerTrustedPublicKey(registry);
	}

	@Test
	void migratesAndSeedsTheDemoUsersOnH2() {
		assertThat(this.accounts.checkCredentials("alice", "alice-secret")).isPresent();
		long aliceId = this.accounts.checkCredentials("alice", "alice-secret").orElseThrow().getId();
		assertThat(this.friendships.friendsOf(aliceId, PageRequest.of(0, 10)).map(UserAccount::getUsername))
			.containsExactlyInAnyOrder("bob", "carol");
		assertThat(this.groups.groupsOf(aliceId, PageRequest.of(0, 10)).getContent())
			.singleElement()
			.satisfies((group) -> assertThat(group.memberCount()).isEqualTo(3));
	}

	@Test
	void locksAGroupRowForAMembershipChangeOnH2() {
		UserAccount owner = this.accounts.register(new RegistrationRequest("h2owner", "Owner", "a long password 1"));
		UserAccount member = this.accounts.register(new RegistrationRequest("h2member", "Member", "a long password 1"));
		long groupId = this.groups.create(owner.getId(), "H2", "", 10).getId();
		this.groups.addMember(groupId, member.getId());
		assertThat(this.groups.groupForMember(groupId, member.getId()).memberCount()).isEqualTo(2);
	}

	@Test
	void asksAndAcceptsAFriendRequestOnH2() {
		UserAccount ann = this.accounts.register(new RegistrationRequest("h2ann", "Ann", "a long password 1"));
		UserAccount bob = this.accounts.register(new RegistrationRequest("h2bob", "Bob", "a long password 1"));

		FriendRequestOutcome sent = this.requests.send(ann.getId(), bob.getId());
		assertThat(sent).isInstanceOf(FriendRequestOutcome.Pending.class);
		assertThat(this.requests.received(bob.getId(), PageRequest.of(0, 10))).hasSize(1);
		assertThatExceptionOfType(ApiProblem.class)
			.isThrownBy(() -> this.requests.send(ann.getId(), bob.getId()));

		long requestId = ((FriendRequestOutcome.Pending) sent).request().id();
		assertThat(this.requests.accept(bob.getId(), requestId)).isInstanceOf(FriendRequestOutcome.BecameFriends.class);
		assertThat(this.friendships.areFriends(ann.getId(), bob.getId())).isTrue();
	}

	@Test
	void deletesAGroupWithItsMembershipsOnH2() {
		UserAccount owner = this.accounts.register(new RegistrationRequest("h2founder", "Founder", "a long password 1"));
		UserAccount member = this.accounts.register(new RegistrationRequest("h2joiner", "Joiner", "a long password 1"));
		long groupId = this.groups.create(owner.getId(), "Short-lived", "", 10).getId();
		this.groups.addMember(groupId, member.getId());

		this.groups.delete(owner.getId(), groupId);

		assertThat(this.groups.groupsOf(member.getId(), PageRequest.of(0, 10))).isEmpty();
	}
}
