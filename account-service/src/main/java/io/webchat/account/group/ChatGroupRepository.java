package io.webchat.account.group;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ChatGroupRepository extends JpaRepository<ChatGroup, Long> {

	@Query("select g from ChatGroup g where g.id in (select m.key.groupId from GroupMember m where m.key.userId = :userId)")
	Page<ChatGroup> findGroupsOf(long userId, Pageable pageable);

	/** Loads the group so that committing bumps its version, whatever else the transaction changes. */
	@Lock(LockModeType.OPTIMISTIC_FORCE_INCREMENT)
	Optional<ChatGroup> findForMembershipChangeById(long id);
}
