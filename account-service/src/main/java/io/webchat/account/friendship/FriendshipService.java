package io.webchat.account.friendship;

import java.time.Clock;

import io.webchat.account.user.UserAccount;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class FriendshipService {

	private final FriendshipRepository friendships;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FriendshipService(FriendshipRepository friendships, ApplicationEventPublisher events, Clock clock) {
		this.friendships = friendships;
		this.events = events;
		this.clock = clock;
	}

	/** Makes two users friends; does nothing if they already are. */
	@Transactional
	public void befriend(long userId, long otherUserId) {
		if (this.friendships.existsByUserLowIdAndUserHighId(Math.min(userId, otherUserId),
				Math.max(userId, otherUserId))) {
			return;
		}
		this.friendships.save(new Friendship(userId, otherUserId, this.clock.instant()));
		this.events.publishEvent(new FriendshipChanged(userId, otherUserId, true));
	}

	@Transactional(readOnly = true)
	public Page<UserAccount> friendsOf(long userId, Pageable pageable) {
		return this.friendships.findFriendsOf(userId, pageable);
	}
}
