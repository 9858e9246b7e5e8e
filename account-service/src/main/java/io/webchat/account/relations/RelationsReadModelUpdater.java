package io.webchat.account.relations;

import io.webchat.account.friendship.FriendshipChanged;
import io.webchat.account.group.GroupMembershipChanged;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Applies each committed change to the read model. Only after the commit: a rolled-back
 * friendship must never let a message through.
 */
@Component
class RelationsReadModelUpdater {

	private final RelationsReadModel readModel;

	RelationsReadModelUpdater(RelationsReadModel readModel) {
		this.readModel = readModel;
	}

	@TransactionalEventListener
	void on(FriendshipChanged event) {
		this.readModel.friendshipChanged(event.userId(), event.otherUserId(), event.friends());
	}

	@TransactionalEventListener
	void on(GroupMembershipChanged event) {
		this.readModel.membershipChanged(event.groupId(), event.userId(), event.member());
	}
}
