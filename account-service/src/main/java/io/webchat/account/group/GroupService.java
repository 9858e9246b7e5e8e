package io.webchat.account.group;

import java.time.Clock;

import io.webchat.problem.ApiProblem;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class GroupService {

	private final ChatGroupRepository groups;

	private final GroupMemberRepository members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GroupService(ChatGroupRepository groups, GroupMemberRepository members, ApplicationEventPublisher events,
			Clock clock) {
		this.groups = groups;
		this.members = members;
		this.events = events;
		this.clock = clock;
	}

	/** Creates a group whose owner is its first member. */
	@Transactional
	public ChatGroup create(long ownerId, String name, String brief, int maxMembers) {
		ChatGroup group = this.groups.save(new ChatGroup(name, brief, ownerId, maxMembers, this.clock.instant()));
		this.members.save(new GroupMember(group.getId(), ownerId, GroupMember.StoredRole.ADMIN, this.clock.instant()));
		this.events.publishEvent(new GroupMembershipChanged(group.getId(), ownerId, true));
		return group;
	}

	/**
	 * Adds a member unless the group is full. The group row stays locked until commit, so of two
	 * concurrent additions at {@code max_members - 1} the second sees the group full.
	 */
	@Transactional
	public void addMember(long groupId, long userId) {
		ChatGroup group = this.groups.lockForMembershipChange(groupId).orElseThrow(() -> groupNotFound(groupId));
		if (this.members.existsByKeyGroupIdAndKeyUserId(groupId, userId)) {
			return;
		}
		if (this.members.countByKeyGroupId(groupId) >= group.getMaxMembers()) {
			throw new ApiProblem(HttpStatus.CONFLICT, "group-full",
					"The group already has its maximum of " + group.getMaxMembers() + " members.");
		}
		this.members.save(new GroupMember(groupId, userId, GroupMember.StoredRole.MEMBER, this.clock.instant()));
		this.events.publishEvent(new GroupMembershipChanged(groupId, userId, true));
	}

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

	@Transactional(readOnly = true)
	public Page<GroupMemberView> membersForMember(long groupId, long userId, Pageable pageable) {
		requireMember(groupId, userId);
		return this.members.findMembers(groupId, pageable);
	}

	private void requireMember(long groupId, long userId) {
		if (!this.members.existsByKeyGroupIdAndKeyUserId(groupId, userId)) {
			throw groupNotFound(groupId);
		}
	}

	private GroupSummary summary(ChatGroup group) {
		return new GroupSummary(group.getId(), group.getName(), group.getBrief(), group.getOwnerId(),
				group.getMaxMembers(), this.members.countByKeyGroupId(group.getId()));
	}

	private static ApiProblem groupNotFound(long groupId) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "group-not-found",
				"No group with id " + groupId + " that you are a member of.");
	}
}
