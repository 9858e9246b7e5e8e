package io.webchat.account.group;

import java.util.List;

/**
 * Published inside the transaction that changed a group, for the pages of the people it concerns.
 *
 * @param userId the member added, removed, made or unmade an admin, or the new owner; 0 for a
 *        change of the whole group
 * @param concerned who should hear of it: the members after an addition, before a removal or
 *        deletion (so that the removed hear it too)
 */
public record GroupChanged(long groupId, Change change, long userId, List<Long> concerned) {

	public GroupChanged {
		concerned = List.copyOf(concerned);
	}

	public enum Change {

		MEMBER_ADDED, MEMBER_REMOVED, UPDATED, ADMINS_CHANGED, OWNER_CHANGED, DELETED

	}
}
