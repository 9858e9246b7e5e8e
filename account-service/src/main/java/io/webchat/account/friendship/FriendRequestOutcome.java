package io.webchat.account.friendship;

import io.webchat.account.user.UserAccount;

/** What a call about a friend request ended in, so that the controller answers the right status. */
public sealed interface FriendRequestOutcome {

	/** A new request now waits for the other user's answer. */
	record Pending(FriendRequestView request) implements FriendRequestOutcome {
	}

	/** This call made the two users friends. */
	record BecameFriends(UserAccount friend) implements FriendRequestOutcome {
	}

	/** A concurrent call had made them friends already; the result is the same friendship. */
	record AlreadyFriends(UserAccount friend) implements FriendRequestOutcome {
	}
}
