package io.webchat.account.relations;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.friendship.FriendshipService;
import io.webchat.account.group.GroupService;
import io.webchat.account.user.UserAccount;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** chat-service decides who may receive a message from these Redis sets; they must match the database. */
class RelationsReadModelTests extends AccountServiceIntegrationTest {

	@Autowired
	FriendshipService friendships;

	@Autowired
	GroupService groups;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RelationsReadModelRebuilder rebuilder;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aCommittedFriendshipAppearsOnBothSides() {
		UserAccount a = newUser("A");
		UserAccount b = newUser("B");
		this.friendships.befriend(a.getId(), b.getId());
		assertThat(isFriend(a, b)).isTrue();
		assertThat(isFriend(b, a)).isTrue();
	}

	@Test
	void aRolledBackFriendshipNeverAppears() {
		UserAccount a = newUser("A");
		UserAccount b = newUser("B");
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.friendships.befriend(a.getId(), b.getId());
			throw new IllegalStateException("roll back");
		}));
		assertThat(isFriend(a, b)).isFalse();
	}

	@Test
	void groupMembersAppearInTheGroupsSet() {
		UserAccount owner = newUser("Owner");
		UserAccount member = newUser("Member");
		long groupId = this.groups.create(owner.getId(), "Set", "", 10).getId();
		this.groups.addMember(groupId, member.getId());
		assertThat(this.redis.opsForSet().members(RelationsReadModel.groupMembersKey(groupId)))
			.containsExactlyInAnyOrder(owner.getId().toString(), member.getId().toString());
	}

	@Test
	void rebuildRestoresLostSetsAndDropsOnesTheDatabaseDoesNotHave() {
		UserAccount a = newUser("A");
		UserAccount b = newUser("B");
		this.friendships.befriend(a.getId(), b.getId());
		this.redis.delete(RelationsReadModel.friendsKey(a.getId()));
		String phantom = RelationsReadModel.friendsKey(Long.MAX_VALUE);
		this.redis.opsForSet().add(phantom, "1");

		this.rebuilder.rebuild();

		assertThat(isFriend(a, b)).isTrue();
		assertThat(this.redis.hasKey(phantom)).isFalse();
	}

	private boolean isFriend(UserAccount user, UserAccount friend) {
		return Boolean.TRUE.equals(
				this.redis.opsForSet().isMember(RelationsReadModel.friendsKey(user.getId()), friend.getId().toString()));
	}
}
