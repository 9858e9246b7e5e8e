package io.webchat.account.friendship;

import java.util.stream.Stream;

import io.webchat.account.user.UserAccount;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface FriendshipRepository extends JpaRepository<Friendship, Long> {

	boolean existsByUserLowIdAndUserHighId(long userLowId, long userHighId);

	@Query(value = """
			select u from UserAccount u where u.id in (
			  select f.userHighId from Friendship f where f.userLowId = :userId)
			or u.id in (
			  select f.userLowId from Friendship f where f.userHighId = :userId)
			""")
	Page<UserAccount> findFriendsOf(long userId, Pageable pageable);

	@Query("select f from Friendship f")
	Stream<Friendship> streamAll();
}
