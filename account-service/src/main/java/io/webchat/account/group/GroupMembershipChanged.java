package io.webchat.account.group;

/** Published inside the transaction that added a member to a group or removed one. */
public record GroupMembershipChanged(long groupId, long userId, boolean member) {
}
