package io.webchat.account.group;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ChatGroupRepository extends JpaRepository<ChatGroup, Long> {

	@Query("select g from ChatGroup g where g.id in (select m.key.groupId from GroupMember m where m.key.userId = :userId)")
	Page<ChatGroup> findGroupsOf(long userId, Pageable pageable);

	/**
	 * Loads the group with a row lock held to the end of the transaction: membership changes of
	 * one group take turns, so the size check and the insert cannot interleave with another's.
	 * Native SQL: Hibernate's MySQL 8 dialect writes {@code FOR UPDATE OF alias}, which MariaDB
	 * rejects.
	 */
	@Query(value = "SELECT * FROM chat_groups WHERE id = :id FOR UPDATE", nativeQuery = true)
	Optional<ChatGroup> lockForMembershipChange(long id);
}
