package io.webchat.account.group;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ChatGroupRepository extends JpaRepository<ChatGroup, Long> {

	@Query("""
			select g from ChatGroup g
			where g.id in (select m.key.groupId from GroupMember m where m.key.userId = :userId)
			order by g.name, g.id
			""")
	Page<ChatGroup> findGroupsOf(long userId, Pageable pageable);

	/**
	 * Loads the group with a row lock held to the end of the transaction: changes to one group
	 * (its members, their roles, its owner, its size limit) take turns, so a check such as "is
	 * there room" or "is the actor still an admin" cannot interleave with another change.
	 * Native SQL: Hibernate's MySQL 8 dialect writes {@code FOR UPDATE OF alias}, which MariaDB
	 * rejects.
	 */
	@Query(value = "SELECT * FROM chat_groups WHERE id = :id FOR UPDATE", nativeQuery = true)
	Optional<ChatGroup> lockForChange(long id);
}
