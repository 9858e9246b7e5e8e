package io.webchat.account.relations;

import io.webchat.account.friendship.FriendshipChanged;
import io.webchat.account.group.GroupMembershipChanged;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Applies each committed change to the read model. Only after the commit: a rolled-back
 * friendship must never let a message through. Before the pages are told of the change (an
 * order that comes first), so that a page told of a new friend may message them at once.
 */
@Component
class RelationsReadModelUpdater {

	private final RelationsReadModel readModel;

	RelationsReadModelUpdater(RelationsReadModel readModel) {
		this.readModel = readModel;
	}

	@TransactionalEventListener
	@Order(0)
	void on(FriendshipChanged event) {
		this.readModel.friendshipChanged(event.userId(), event.otherUserId(), event.friends());
	}

	@TransactionalEventListener
	@Order(0)
	void on(GroupMembershipChanged event) {
		this.readModel.membershipChanged(event.groupId(), event.userId(), event.member());
	}
}
