package io.webchat.account.friendship;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface FriendRequestRepository extends JpaRepository<FriendRequest, Long> {

	Optional<FriendRequest> findByUserLowIdAndUserHighId(long userLowId, long userHighId);

	/** The pending request between two users, whichever of them sent it. */
	default Optional<FriendRequest> findBetween(long oneUserId, long otherUserId) {
		return findByUserLowIdAndUserHighId(Math.min(oneUserId, otherUserId), Math.max(oneUserId, otherUserId));
	}

	/**
	 * Deletes the request and says whether this call did. Of two transactions answering the same
	 * request, the second waits for the first's row lock and then deletes nothing, which is how it
	 * learns that it lost.
	 */
	@Modifying
	@Query("delete from FriendRequest r where r.id = :id")
	int deleteAndCount(long id);

	@Query("""
			select new io.webchat.account.friendship.FriendRequestView(r.id, requester.id, requester.username,
			  requester.displayName, addressee.id, addressee.username, addressee.displayName, r.createdAt)
			from FriendRequest r
			join UserAccount requester on requester.id = r.requesterId
			join UserAccount addressee on addressee.id = r.addresseeId
			where r.id = :id
			""")
	Optional<FriendRequestView> findView(long id);

	@Query("""
			select new io.webchat.account.friendship.FriendRequestView(r.id, requester.id, requester.username,
			  requester.displayName, addressee.id, addressee.username, addressee.displayName, r.createdAt)
			from FriendRequest r
			join UserAccount requester on requester.id = r.requesterId
			join UserAccount addressee on addressee.id = r.addresseeId
			where r.addresseeId = :userId
			order by r.createdAt desc, r.id desc
			""")
	Page<FriendRequestView> findReceivedBy(long userId, Pageable pageable);

	@Query("""
			select new io.webchat.account.friendship.FriendRequestView(r.id, requester.id, requester.username,
			  requester.displayName, addressee.id, addressee.username, addressee.displayName, r.createdAt)
			from FriendRequest r
			join UserAccount requester on requester.id = r.requesterId
			join UserAccount addressee on addressee.id = r.addresseeId
			where r.requesterId = :userId
			order by r.createdAt desc, r.id desc
			""")
	Page<FriendRequestView> findSentBy(long userId, Pageable pageable);
}
