package io.webchat.account.friendship;

import java.time.Clock;

import io.webchat.account.friendship.FriendRequestOutcome.AlreadyFriends;
import io.webchat.account.friendship.FriendRequestOutcome.BecameFriends;
import io.webchat.account.friendship.FriendRequestOutcome.Pending;
import io.webchat.account.system.AccountProblem;
import io.webchat.account.user.UserAccountService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Friend requests: A asks B; B accepts or declines; A may cancel while it is pending. Races are
 * settled by the database, not by hoping they do not happen: one pending request per pair (either
 * way round) by a unique key, one friendship per pair by another, and an acceptance counts only
 * if its delete of the request row deleted something. Transactions are explicit here because a
 * refused insert ends its transaction, and the decision must then be taken again in a new one.
 */
@Service
public class FriendRequestService {

	private final FriendRequestRepository requests;

	private final FriendshipService friendships;

	private final UserAccountService accounts;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnlyTransactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FriendRequestService(FriendRequestRepository requests, FriendshipService friendships, UserAccountService accounts,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events, Clock clock) {
		this.requests = requests;
		this.friendships = friendships;
		this.accounts = accounts;
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnlyTransactions = new TransactionTemplate(transactionManager);
		this.readOnlyTransactions.setReadOnly(true);
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Asks {@code addresseeId} to be friends. If they have already asked me, that accepts their
	 * request instead: two people who want the same thing need not wait for each other.
	 */
	public FriendRequestOutcome send(long requesterId, long addresseeId) {
		if (requesterId == addresseeId) {
			throw AccountProblem.FRIEND_REQUEST_TO_SELF.withDetail("You cannot ask yourself to be friends.");
		}
		try {
			return this.transactions.execute((status) -> sendOnce(requesterId, addresseeId));
		}
		catch (DataIntegrityViolationException | AnsweredMeanwhile raced) {
			// The other user asked me at the same moment (the pair's unique key let only one
			// request in), or cancelled the request that mine was accepting: decide again on
			// what is committed now.
			try {
				return this.transactions.execute((status) -> sendOnce(requesterId, addresseeId));
			}
			catch (AnsweredMeanwhile again) {
				throw AccountProblem.CONCURRENT_UPDATE
					.withDetail("User " + addresseeId + " kept changing their request to you; try again.");
			}
		}
	}

	private FriendRequestOutcome sendOnce(long requesterId, long addresseeId) {
		this.accounts.requireExists(addresseeId);
		if (this.friendships.areFriends(requesterId, addresseeId)) {
			throw AccountProblem.ALREADY_FRIENDS.withDetail("You and user " + addresseeId + " are friends already.");
		}
		FriendRequest theirs = this.requests.findBetween(requesterId, addresseeId).orElse(null);
		if (theirs != null && theirs.getRequesterId() == requesterId) {
			throw AccountProblem.FRIEND_REQUEST_PENDING
				.withDetail("You have already asked user " + addresseeId + "; request " + theirs.getId() + " is pending.");
		}
		if (theirs != null) {
			return acceptOnce(theirs);
		}
		FriendRequest request = this.requests.saveAndFlush(new FriendRequest(requesterId, addresseeId, this.clock.instant()));
		this.events.publishEvent(new FriendRequestChanged(request.getId(), requesterId, addresseeId,
				FriendRequestChanged.Change.SENT));
		return new Pending(this.requests.findView(request.getId()).orElseThrow());
	}

	/**
	 * Accepts a request sent to {@code userId}. Of two concurrent acceptances one makes the
	 * friendship and the other answers with it; once the request is gone, a late one is told so.
	 */
	public FriendRequestOutcome accept(long userId, long requestId) {
		FriendRequest request = this.readOnlyTransactions.execute((status) -> pendingFor(userId, requestId));
		if (request.getAddresseeId() != userId) {
			throw AccountProblem.NOT_THE_ADDRESSEE.withDetail("Only the user you asked can accept request " + requestId + ".");
		}
		try {
			return this.transactions.execute((status) -> acceptOnce(request));
		}
		catch (AnsweredMeanwhile | DataIntegrityViolationException lostTheRace) {
			return this.readOnlyTransactions.execute((status) -> {
				if (this.friendships.areFriends(userId, request.getRequesterId())) {
					return new AlreadyFriends(this.accounts.get(request.getRequesterId()));
				}
				throw requestNotFound(requestId, " It was cancelled meanwhile.");
			});
		}
	}

	/** Runs inside the caller's transaction; {@code request} was sent to the accepting user. */
	private FriendRequestOutcome acceptOnce(FriendRequest request) {
		if (this.requests.deleteAndCount(request.getId()) == 0) {
			throw new AnsweredMeanwhile();
		}
		long friendId = request.getRequesterId();
		this.events.publishEvent(new FriendRequestChanged(request.getId(), friendId, request.getAddresseeId(),
				FriendRequestChanged.Change.ACCEPTED));
		boolean madeNow = this.friendships.befriend(request.getAddresseeId(), friendId);
		return madeNow ? new BecameFriends(this.accounts.get(friendId)) : new AlreadyFriends(this.accounts.get(friendId));
	}

	/** Declines a request sent to me, or cancels one I sent: either way it is gone. */
	public void dismiss(long userId, long requestId) {
		this.transactions.executeWithoutResult((status) -> {
			FriendRequest request = pendingFor(userId, requestId);
			if (this.requests.deleteAndCount(request.getId()) == 0) {
				// accepted (or dismissed) by a concurrent call: saying "declined" would be wrong
				throw requestNotFound(requestId, " It was answered meanwhile.");
			}
			this.events.publishEvent(new FriendRequestChanged(requestId, request.getRequesterId(),
					request.getAddresseeId(), (request.getAddresseeId() == userId) ? FriendRequestChanged.Change.DECLINED
							: FriendRequestChanged.Change.CANCELLED));
		});
	}

	/** A request I sent or received; to anyone else it does not exist. */
	public FriendRequestView get(long userId, long requestId) {
		return this.readOnlyTransactions.execute((status) -> {
			pendingFor(userId, requestId);
			return this.requests.findView(requestId).orElseThrow(() -> requestNotFound(requestId, ""));
		});
	}

	/** Requests sent to me, newest first. */
	public Page<FriendRequestView> received(long userId, Pageable pageable) {
		return this.readOnlyTransactions.execute((status) -> this.requests.findReceivedBy(userId, pageable));
	}

	/** Requests I sent that wait for an answer, newest first. */
	public Page<FriendRequestView> sent(long userId, Pageable pageable) {
		return this.readOnlyTransactions.execute((status) -> this.requests.findSentBy(userId, pageable));
	}

	private FriendRequest pendingFor(long userId, long requestId) {
		return this.requests.findById(requestId)
			.filter((request) -> request.concerns(userId))
			.orElseThrow(() -> requestNotFound(requestId, ""));
	}

	private static RuntimeException requestNotFound(long requestId, String why) {
		return AccountProblem.FRIEND_REQUEST_NOT_FOUND
			.withDetail("No pending friend request " + requestId + " that you sent or received." + why);
	}

	/** Another transaction answered the request first; rolls this one back. */
	private static final class AnsweredMeanwhile extends RuntimeException {

		AnsweredMeanwhile() {
			super(null, null, false, false);
		}
	}
}
