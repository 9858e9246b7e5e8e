package io.webchat.account.group;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.relations.RelationsReadModel;
import io.webchat.account.user.UserAccount;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Groups built through the service, so that each test's request is the one thing it exercises. */
abstract class GroupIntegrationTest extends AccountServiceIntegrationTest {

	@Autowired
	GroupService groups;

	@Autowired
	GroupMemberRepository members;

	@Autowired
	StringRedisTemplate redis;

	/** A group of 50 owned by {@code owner}, with the others as plain members. */
	long groupOf(UserAccount owner, UserAccount... others) {
		long groupId = this.groups.create(owner.getId(), "Group", "", 50).getId();
		for (UserAccount member : others) {
			this.groups.addMember(groupId, member.getId());
		}
		return groupId;
	}

	void appointAdmin(long groupId, UserAccount owner, UserAccount member) {
		this.groups.changeAdmin(owner.getId(), groupId, member.getId(), true);
	}

	/** What chat-service asks before it delivers a group message from {@code user}. */
	boolean mayMessageGroup(UserAccount user, long groupId) {
		return Boolean.TRUE.equals(
				this.redis.opsForSet().isMember(RelationsReadModel.groupMembersKey(groupId), user.getId().toString()));
	}
}
