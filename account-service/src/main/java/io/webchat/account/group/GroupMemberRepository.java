package io.webchat.account.group;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface GroupMemberRepository extends JpaRepository<GroupMember, GroupMember.Key> {

	long countByKeyGroupId(long groupId);

	boolean existsByKeyGroupIdAndKeyUserId(long groupId, long userId);

	default Optional<GroupMember> findMember(long groupId, long userId) {
		return findById(new GroupMember.Key(groupId, userId));
	}

	@Query("select m.key.userId from GroupMember m where m.key.groupId = :groupId")
	List<Long> findUserIdsByGroupId(long groupId);

	@Query("""
			select new io.webchat.account.group.GroupMemberView(u.id, u.username, u.displayName, m.role, g.ownerId)
			from GroupMember m join UserAccount u on u.id = m.key.userId join ChatGroup g on g.id = m.key.groupId
			where m.key.groupId = :groupId
			order by u.displayName, u.id
			""")
	Page<GroupMemberView> findMembers(long groupId, Pageable pageable);

	@Query("""
			select new io.webchat.account.group.GroupMemberView(u.id, u.username, u.displayName, m.role, g.ownerId)
			from GroupMember m join UserAccount u on u.id = m.key.userId join ChatGroup g on g.id = m.key.groupId
			where m.key.groupId = :groupId and m.key.userId = :userId
			""")
	Optional<GroupMemberView> findMemberView(long groupId, long userId);

	@Query("select m from GroupMember m")
	Stream<GroupMember> streamAll();
}
