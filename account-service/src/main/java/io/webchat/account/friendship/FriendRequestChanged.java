package io.webchat.account.friendship;

/** Published inside the transaction that sent, accepted, declined or cancelled a friend request. */
public record FriendRequestChanged(long requestId, long requesterId, long addresseeId, Change change) {

	public enum Change {

		SENT, ACCEPTED, DECLINED, CANCELLED

	}
}
