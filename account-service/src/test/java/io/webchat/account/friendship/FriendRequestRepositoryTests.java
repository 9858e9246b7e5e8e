package io.webchat.account.friendship;

import java.sql.Timestamp;
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

/** One pending request per pair, either way round, kept by the database itself. */
@DataJpaTest(properties = "spring.test.database.replace=none")
@ActiveProfiles({ "mysql", "test" })
@Import(MySqlTestService.class)
class FriendRequestRepositoryTests {

	@Autowired
	FriendRequestRepository requests;

	@Autowired
	UserAccountRepository users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void databaseRefusesASecondRequestForThePairEitherWayRound() {
		long ann = user();
		long bob = user();
		insert(ann, bob);
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insert(ann, bob));
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insert(bob, ann));
	}

	@Test
	void databaseRefusesARequestToOneself() {
		long ann = user();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertRaw(ann, ann, ann, ann));
	}

	@Test
	void databaseRefusesAPairThatDoesNotMatchItsUsers() {
		long ann = user();
		long bob = user();
		long cid = user();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertRaw(ann, bob, Math.min(ann, cid), Math.max(ann, cid)));
	}

	@Test
	void deletingAUserDeletesTheirRequests() {
		long ann = user();
		long bob = user();
		insert(ann, bob);
		this.jdbc.update("DELETE FROM users WHERE id = ?", bob);
		assertThat(this.requests.findBetween(ann, bob)).isEmpty();
	}

	@Test
	void deleteAndCountSaysWhetherItDeletedTheRequest() {
		FriendRequest request = this.requests.saveAndFlush(new FriendRequest(user(), user(), Instant.now()));
		assertThat(this.requests.deleteAndCount(request.getId())).isOne();
		assertThat(this.requests.deleteAndCount(request.getId())).isZero();
	}

	@Test
	void listsReceivedRequestsNewestFirstWithBothUsers() {
		long me = user();
		long older = user();
		long newer = user();
		this.requests.saveAndFlush(new FriendRequest(older, me, Instant.parse("2026-01-01T00:00:00Z")));
		this.requests.saveAndFlush(new FriendRequest(newer, me, Instant.parse("2026-01-02T00:00:00Z")));

		assertThat(this.requests.findReceivedBy(me, PageRequest.of(0, 10)))
			.extracting((request) -> request.from().id())
			.containsExactly(newer, older);
		assertThat(this.requests.findSentBy(older, PageRequest.of(0, 10)))
			.singleElement()
			.satisfies((request) -> assertThat(request.to().id()).isEqualTo(me));
	}

	private long user() {
		String username = "r" + System.nanoTime();
		return this.users.saveAndFlush(new UserAccount(username, "Repo", "{noop}x", Instant.now())).getId();
	}

	private void insert(long requester, long addressee) {
		insertRaw(requester, addressee, Math.min(requester, addressee), Math.max(requester, addressee));
	}

	private void insertRaw(long requester, long addressee, long low, long high) {
		this.jdbc.update(
				"INSERT INTO friend_requests (requester_id, addressee_id, user_low_id, user_high_id, created_at) "
						+ "VALUES (?, ?, ?, ?, ?)",
				requester, addressee, low, high, Timestamp.from(Instant.now()));
	}
}
