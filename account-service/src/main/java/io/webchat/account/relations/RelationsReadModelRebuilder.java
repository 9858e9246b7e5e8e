package io.webchat.account.relations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.webchat.account.friendship.Friendship;
import io.webchat.account.friendship.FriendshipRepository;
import io.webchat.account.group.GroupMember;
import io.webchat.account.group.GroupMemberRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds the read model from the database when the service starts, so that a Redis that lost
 * its data (or a change whose after-commit update failed) is repaired by a restart.
 */
@Component
@Order(0)
public class RelationsReadModelRebuilder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RelationsReadModelRebuilder.class);

	private final FriendshipRepository friendships;

	private final GroupMemberRepository members;

	private final RelationsReadModel readModel;

	RelationsReadModelRebuilder(FriendshipRepository friendships, GroupMemberRepository members,
			RelationsReadModel readModel) {
		this.friendships = friendships;
		this.members = members;
		this.readModel = readModel;
	}

	@Override
	@Transactional(readOnly = true)
	public void run(ApplicationArguments args) {
		rebuild();
	}

	@Transactional(readOnly = true)
	public void rebuild() {
		Map<Long, List<Long>> friendsByUser = new HashMap<>();
		try (Stream<Friendship> all = this.friendships.streamAll()) {
			all.forEach((friendship) -> {
				friendsByUser.computeIfAbsent(friendship.getUserLowId(), (id) -> new ArrayList<>())
					.add(friendship.getUserHighId());
				friendsByUser.computeIfAbsent(friendship.getUserHighId(), (id) -> new ArrayList<>())
					.add(friendship.getUserLowId());
			});
		}
		Map<Long, List<Long>> membersByGroup = new HashMap<>();
		try (Stream<GroupMember> all = this.members.streamAll()) {
			all.forEach((member) -> membersByGroup.computeIfAbsent(member.getGroupId(), (id) -> new ArrayList<>())
				.add(member.getUserId()));
		}
		this.readModel.replaceAll(friendsByUser, membersByGroup);
		log.info("Rebuilt the relations read model: {} users with friends, {} groups", friendsByUser.size(),
				membersByGroup.size());
	}
}
