package io.webchat.account.group;

import java.time.Clock;
import java.util.List;

import io.webchat.account.system.AccountProblem;
import io.webchat.account.user.UserAccountService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups and who may change them: the owner and admins add and remove members; only the owner
 * appoints admins, hands ownership on or deletes the group; anyone may leave but the owner.
 * Every change locks the group's row first, so that the actor's role, the member count and the
 * change itself are read and written in turn with every other change to that group.
 */
@Service
public class GroupService {

	private final ChatGroupRepository groups;

	private final GroupMemberRepository members;

	private final UserAccountService accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GroupService(ChatGroupRepository groups, GroupMemberRepository members, UserAccountService accounts,
			ApplicationEventPublisher events, Clock clock) {
		this.groups = groups;
		this.members = members;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/** Creates a group whose owner is its first member. */
	@Transactional
	public ChatGroup create(long ownerId, String name, String brief, int maxMembers) {
		ChatGroup group = this.groups.save(new ChatGroup(name, brief, ownerId, maxMembers, this.clock.instant()));
		this.members.save(new GroupMember(group.getId(), ownerId, GroupMember.StoredRole.ADMIN, this.clock.instant()));
		this.events.publishEvent(new GroupMembershipChanged(group.getId(), ownerId, true));
		this.events.publishEvent(new GroupChanged(group.getId(), GroupChanged.Change.MEMBER_ADDED, ownerId, List.of(ownerId)));
		return group;
	}

	/**
	 * Adds a member without asking who wants it (demo data); does nothing if they are one
	 * already. Refuses when the group is full, like {@link #addMember(long, long, long)}.
	 */
	@Transactional
	public void addMember(long groupId, long userId) {
		ChatGroup group = this.groups.lockForChange(groupId).orElseThrow(() -> groupNotFound(groupId));
		if (!this.members.existsByKeyGroupIdAndKeyUserId(groupId, userId)) {
			insertMember(group, userId);
		}
	}

	/** An owner or admin adds a user to the group. */
	@Transactional
	public GroupMemberView addMember(long actorId, long groupId, long userId) {
		ChatGroup group = lockFor(actorId, groupId, GroupRole.ADMIN).group();
		this.accounts.requireExists(userId);
		if (this.members.existsByKeyGroupIdAndKeyUserId(groupId, userId)) {
			throw AccountProblem.ALREADY_A_MEMBER.withDetail("User " + userId + " is a member of group " + groupId + " already.");
		}
		insertMember(group, userId);
		return this.members.findMemberView(groupId, userId).orElseThrow();
	}

	/**
	 * The group row is locked, so of two additions at {@code max_members - 1} the second counts
	 * the first's member and is refused.
	 */
	private void insertMember(ChatGroup group, long userId) {
		if (this.members.countByKeyGroupId(group.getId()) >= group.getMaxMembers()) {
			throw AccountProblem.GROUP_FULL
				.withDetail("The group already has its maximum of " + group.getMaxMembers() + " members.");
		}
		this.members.save(new GroupMember(group.getId(), userId, GroupMember.StoredRole.MEMBER, this.clock.instant()));
		this.events.publishEvent(new GroupMembershipChanged(group.getId(), userId, true));
		announce(group.getId(), GroupChanged.Change.MEMBER_ADDED, userId);
	}

	/**
	 * Removes a member: a member removing themselves leaves; otherwise an owner or admin removes
	 * someone, and only the owner removes an admin. The owner is never removed this way.
	 */
	@Transactional
	public void removeMember(long actorId, long groupId, long userId) {
		LockedGroup locked = lockFor(actorId, groupId, GroupRole.MEMBER);
		GroupMember target = member(groupId, userId);
		if (userId == actorId) {
			if (locked.actorRole() == GroupRole.OWNER) {
				throw AccountProblem.OWNER_CANNOT_LEAVE
					.withDetail("You own group " + groupId + ": transfer ownership first, or delete the group.");
			}
		}
		else {
			require(locked, GroupRole.ADMIN);
			if (locked.group().getOwnerId() == userId) {
				throw ownerRoleFixed(groupId);
			}
			if (target.getRole() == GroupMember.StoredRole.ADMIN) {
				require(locked, GroupRole.OWNER);
			}
		}
		// announced before the delete, so that the member removed hears of it too
		announce(groupId, GroupChanged.Change.MEMBER_REMOVED, userId);
		this.members.delete(target);
		this.events.publishEvent(new GroupMembershipChanged(groupId, userId, false));
	}

	/** The owner makes a member an admin, or an admin a plain member again. */
	@Transactional
	public void changeAdmin(long actorId, long groupId, long userId, boolean admin) {
		LockedGroup locked = lockFor(actorId, groupId, GroupRole.OWNER);
		GroupMember target = member(groupId, userId);
		if (locked.group().getOwnerId() == userId) {
			throw ownerRoleFixed(groupId);
		}
		target.changeRole(admin ? GroupMember.StoredRole.ADMIN : GroupMember.StoredRole.MEMBER);
		announce(groupId, GroupChanged.Change.ADMINS_CHANGED, userId);
	}

	/**
	 * The owner hands the group to another member. The old owner stays on as an admin, free to
	 * step down or leave afterwards.
	 */
	@Transactional
	public void transferOwnership(long actorId, long groupId, long newOwnerId) {
		LockedGroup locked = lockFor(actorId, groupId, GroupRole.OWNER);
		member(groupId, newOwnerId);
		if (newOwnerId == actorId) {
			return;
		}
		member(groupId, actorId).changeRole(GroupMember.StoredRole.ADMIN);
		locked.group().transferOwnershipTo(newOwnerId);
		announce(groupId, GroupChanged.Change.OWNER_CHANGED, newOwnerId);
	}

	/** The owner or an admin renames, describes or resizes the group; {@code null} keeps a value. */
	@Transactional
	public GroupSummary update(long actorId, long groupId, String name, String brief, Integer maxMembers) {
		ChatGroup group = lockFor(actorId, groupId, GroupRole.ADMIN).group();
		if (maxMembers != null) {
			long memberCount = this.members.countByKeyGroupId(groupId);
			if (maxMembers < memberCount) {
				throw AccountProblem.MAX_MEMBERS_BELOW_MEMBER_COUNT
					.withDetail("The group has " + memberCount + " members, more than " + maxMembers + ".");
			}
			group.limitMembersTo(maxMembers);
		}
		if (name != null) {
			group.rename(name.strip());
		}
		if (brief != null) {
			group.describe(brief.strip());
		}
		announce(groupId, GroupChanged.Change.UPDATED, 0);
		return summary(group);
	}

	/** The owner deletes the group; every member's chat with it ends with the next message. */
	@Transactional
	public void delete(long actorId, long groupId) {
		ChatGroup group = lockFor(actorId, groupId, GroupRole.OWNER).group();
		List<Long> memberIds = this.members.findUserIdsByGroupId(groupId);
		// the database deletes the memberships with the group (ON DELETE CASCADE)
		this.groups.delete(group);
		memberIds.forEach((userId) -> this.events.publishEvent(new GroupMembershipChanged(groupId, userId, false)));
		this.events.publishEvent(new GroupChanged(groupId, GroupChanged.Change.DELETED, 0, memberIds));
	}

	/** Tells the group's members (as they are now, inside the change's transaction) what changed. */
	private void announce(long groupId, GroupChanged.Change change, long userId) {
		this.events.publishEvent(new GroupChanged(groupId, change, userId, this.members.findUserIdsByGroupId(groupId)));
	}

	/** My groups by name. */
	@Transactional(readOnly = true)
	public Page<GroupSummary> groupsOf(long userId, Pageable pageable) {
		return this.groups.findGroupsOf(userId, pageable).map(this::summary);
	}

	/** A group's details, for its members only: to anyone else the group does not exist. */
	@Transactional(readOnly = true)
	public GroupSummary groupForMember(long groupId, long userId) {
		requireMember(groupId, userId);
		return summary(this.groups.findById(groupId).orElseThrow(() -> groupNotFound(groupId)));
	}

	/** The members by display name, for members only. */
	@Transactional(readOnly = true)
	public Page<GroupMemberView> membersForMember(long groupId, long userId, Pageable pageable) {
		requireMember(groupId, userId);
		return this.members.findMembers(groupId, pageable);
	}

	@Transactional(readOnly = true)
	public GroupMemberView memberForMember(long groupId, long userId, long memberId) {
		requireMember(groupId, userId);
		return this.members.findMemberView(groupId, memberId).orElseThrow(() -> memberNotFound(groupId, memberId));
	}

	private void requireMember(long groupId, long userId) {
		if (!this.members.existsByKeyGroupIdAndKeyUserId(groupId, userId)) {
			throw groupNotFound(groupId);
		}
	}

	/** Locks the group and checks the actor's role; to a non-member the group does not exist. */
	private LockedGroup lockFor(long actorId, long groupId, GroupRole required) {
		ChatGroup group = this.groups.lockForChange(groupId).orElseThrow(() -> groupNotFound(groupId));
		GroupMember actor = this.members.findMember(groupId, actorId).orElseThrow(() -> groupNotFound(groupId));
		GroupRole role = (group.getOwnerId() == actorId) ? GroupRole.OWNER : GroupRole.valueOf(actor.getRole().name());
		LockedGroup locked = new LockedGroup(group, role);
		require(locked, required);
		return locked;
	}

	private static void require(LockedGroup locked, GroupRole required) {
		if (locked.actorRole().atLeast(required)) {
			return;
		}
		long groupId = locked.group().getId();
		throw (required == GroupRole.OWNER)
				? AccountProblem.GROUP_OWNER_REQUIRED.withDetail("Only the owner of group " + groupId + " may do this.")
				: AccountProblem.GROUP_ADMIN_REQUIRED
					.withDetail("Only the owner and admins of group " + groupId + " may do this.");
	}

	private GroupMember member(long groupId, long userId) {
		return this.members.findMember(groupId, userId).orElseThrow(() -> memberNotFound(groupId, userId));
	}

	private GroupSummary summary(ChatGroup group) {
		return new GroupSummary(group.getId(), group.getName(), group.getBrief(), group.getOwnerId(),
				group.getMaxMembers(), this.members.countByKeyGroupId(group.getId()));
	}

	private static RuntimeException groupNotFound(long groupId) {
		return AccountProblem.GROUP_NOT_FOUND.withDetail("No group with id " + groupId + " that you are a member of.");
	}

	private static RuntimeException memberNotFound(long groupId, long userId) {
		return AccountProblem.MEMBER_NOT_FOUND.withDetail("User " + userId + " is not a member of group " + groupId + ".");
	}

	private static RuntimeException ownerRoleFixed(long groupId) {
		return AccountProblem.OWNER_ROLE_FIXED.withDetail(
				"The owner of group " + groupId + " can be neither removed nor made an admin; transfer ownership instead.");
	}

	/** A group locked for a change, and the role of the user changing it. */
	private record LockedGroup(ChatGroup group, GroupRole actorRole) {
	}
}
