package io.webchat.account.group;

import java.time.Instant;

import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountRepository;
import io.webchat.testsupport.MySqlTestService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/** What the database guarantees about groups whatever the Java code does. */
@DataJpaTest(properties = "spring.test.database.replace=none")
@ActiveProfiles({ "mysql", "test" })
@Import(MySqlTestService.class)
class GroupRepositoryTests {

	@Autowired
	ChatGroupRepository groups;

	@Autowired
	GroupMemberRepository members;

	@Autowired
	UserAccountRepository users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void deletingAGroupDeletesItsMemberships() {
		long owner = user();
		ChatGroup group = group(owner, 10);
		member(group, user());

		this.jdbc.update("DELETE FROM chat_groups WHERE id = ?", group.getId());

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM group_members WHERE group_id = ?", Long.class,
				group.getId()))
			.isZero();
	}

	@Test
	void databaseRefusesToDeleteAUserWhoOwnsAGroup() {
		long owner = user();
		group(owner, 10);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update("DELETE FROM users WHERE id = ?", owner));
	}

	@Test
	void deletingAMemberDeletesTheirMembershipsOnly() {
		long owner = user();
		long leaving = user();
		ChatGroup group = group(owner, 10);
		member(group, leaving);

		this.jdbc.update("DELETE FROM users WHERE id = ?", leaving);

		assertThat(this.members.findUserIdsByGroupId(group.getId())).containsExactly(owner);
	}

	@Test
	void databaseRefusesASizeLimitOutsideTheBounds() {
		long owner = user();
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> group(owner, 1));
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> group(owner, 2001));
	}

	@Test
	void databaseRefusesARoleItDoesNotKnow() {
		long owner = user();
		ChatGroup group = group(owner, 10);
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc.update(
				"INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'OWNER', NOW())",
				group.getId(), user()));
	}

	@Test
	void listsMembersByDisplayNameWithTheOwnersRole() {
		long owner = this.users.saveAndFlush(new UserAccount("o" + System.nanoTime(), "Zoe", "{noop}x", Instant.now()))
			.getId();
		ChatGroup group = group(owner, 10);
		long ann = this.users.saveAndFlush(new UserAccount("a" + System.nanoTime(), "Ann", "{noop}x", Instant.now()))
			.getId();
		member(group, ann);

		assertThat(this.members.findMembers(group.getId(), PageRequest.of(0, 10)))
			.extracting(GroupMemberView::displayName, GroupMemberView::role)
			.containsExactly(tuple("Ann", GroupRole.MEMBER),
					tuple("Zoe", GroupRole.OWNER));
	}

	private long user() {
		return this.users.saveAndFlush(new UserAccount("g" + System.nanoTime(), "Repo", "{noop}x", Instant.now()))
			.getId();
	}

	private ChatGroup group(long ownerId, int maxMembers) {
		ChatGroup group = this.groups.saveAndFlush(new ChatGroup("Repo", "", ownerId, maxMembers, Instant.now()));
		member(group, ownerId);
		return group;
	}

	private void member(ChatGroup group, long userId) {
		this.members.saveAndFlush(new GroupMember(group.getId(), userId, GroupMember.StoredRole.MEMBER, Instant.now()));
	}
}
