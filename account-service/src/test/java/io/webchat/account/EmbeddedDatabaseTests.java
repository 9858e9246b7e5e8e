package io.webchat.account;

import io.webchat.account.friendship.FriendshipService;
import io.webchat.account.group.GroupService;
import io.webchat.account.user.RegistrationRequest;
import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountService;
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
}
