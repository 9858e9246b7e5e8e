package io.webchat.account.friendship;

import java.util.stream.Stream;

import io.webchat.account.user.UserAccount;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface FriendshipRepository extends JpaRepository<Friendship, Long> {

	boolean existsByUserLowIdAndUserHighId(long userLowId, long userHighId);

	default boolean existsBetween(long oneUserId, long otherUserId) {
		return existsByUserLowIdAndUserHighId(Math.min(oneUserId, otherUserId), Math.max(oneUserId, otherUserId));
	}

	@Modifying
	@Query("delete from Friendship f where f.userLowId = :userLowId and f.userHighId = :userHighId")
	int deletePair(long userLowId, long userHighId);

	/** Ends the friendship between two users; answers how many rows went (0 or 1). */
	default int deleteBetween(long oneUserId, long otherUserId) {
		return deletePair(Math.min(oneUserId, otherUserId), Math.max(oneUserId, otherUserId));
	}

	@Query(value = """
			select u from UserAccount u where u.id in (
			  select f.userHighId from Friendship f where f.userLowId = :userId)
			or u.id in (
			  select f.userLowId from Friendship f where f.userHighId = :userId)
			order by u.displayName, u.id
			""")
	Page<UserAccount> findFriendsOf(long userId, Pageable pageable);

	@Query("select f from Friendship f")
	Stream<Friendship> streamAll();
}
