package io.webchat.account.friendship;

/** Published inside the transaction that made or ended a friendship. */
public record FriendshipChanged(long userId, long otherUserId, boolean friends) {
}
