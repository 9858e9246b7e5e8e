package io.webchat.account.friendship;

import java.time.Clock;

import io.webchat.account.system.AccountProblem;
import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class FriendshipService {

	private final FriendshipRepository friendships;

	private final UserAccountService accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FriendshipService(FriendshipRepository friendships, UserAccountService accounts, ApplicationEventPublisher events,
			Clock clock) {
		this.friendships = friendships;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Makes two users friends; does nothing if they already are. Answers whether this call made
	 * the friendship. Users become friends through {@link FriendRequestService}; this is its
	 * last step, and the demo data's shortcut.
	 */
	@Transactional
	public boolean befriend(long userId, long otherUserId) {
		if (this.friendships.existsBetween(userId, otherUserId)) {
			return false;
		}
		this.friendships.save(new Friendship(userId, otherUserId, this.clock.instant()));
		this.events.publishEvent(new FriendshipChanged(userId, otherUserId, true));
		return true;
	}

	/** Ends a friendship, from either side; chat-service refuses their next message to each other. */
	@Transactional
	public void unfriend(long userId, long friendId) {
		if (this.friendships.deleteBetween(userId, friendId) == 0) {
			throw notAFriend(friendId);
		}
		this.events.publishEvent(new FriendshipChanged(userId, friendId, false));
	}

	@Transactional(readOnly = true)
	public boolean areFriends(long userId, long otherUserId) {
		return this.friendships.existsBetween(userId, otherUserId);
	}

	/** One of my friends; anyone else is not found. */
	@Transactional(readOnly = true)
	public UserAccount friend(long userId, long friendId) {
		if (!areFriends(userId, friendId)) {
			throw notAFriend(friendId);
		}
		return this.accounts.get(friendId);
	}

	/** My friends by display name. */
	@Transactional(readOnly = true)
	public Page<UserAccount> friendsOf(long userId, Pageable pageable) {
		return this.friendships.findFriendsOf(userId, pageable);
	}

	private static RuntimeException notAFriend(long userId) {
		return AccountProblem.FRIEND_NOT_FOUND.withDetail("User " + userId + " is not your friend.");
	}
}
