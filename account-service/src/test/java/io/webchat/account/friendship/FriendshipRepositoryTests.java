package io.webchat.account.friendship;

import java.time.Instant;

import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountRepository;
import io.webchat.testsupport.MySqlTestService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The database itself refuses a duplicated, reversed or self friendship, not only the Java code. */
@DataJpaTest(properties = "spring.test.database.replace=none")
@ActiveProfiles({ "mysql", "test" })
@Import(MySqlTestService.class)
class FriendshipRepositoryTests {

	@Autowired
	UserAccountRepository users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void databaseRefusesTheSamePairTwice() {
		long a = user();
		long b = user();
		insertPair(a, b);
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insertPair(a, b));
	}

	@Test
	void databaseRefusesAPairStoredTheWrongWayRound() {
		long a = user();
		long b = user();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertPair(Math.max(a, b), Math.min(a, b)));
	}

	@Test
	void databaseRefusesAFriendshipWithAMissingUser() {
		long a = user();
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insertPair(a, a + 1_000_000));
	}

	private long user() {
		String username = "r" + System.nanoTime();
		return this.users.saveAndFlush(new UserAccount(username, "Repo", "{noop}x", Instant.now())).getId();
	}

	private void insertPair(long low, long high) {
		this.jdbc.update("INSERT INTO friendships (user_low_id, user_high_id, created_at) VALUES (?, ?, ?)", low, high,
				java.sql.Timestamp.from(Instant.now()));
	}
}
