package io.webchat.account.user;

import java.time.Instant;

import io.webchat.testsupport.MySqlTestService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest(properties = "spring.test.database.replace=none")
@ActiveProfiles({ "mysql", "test" })
@Import(MySqlTestService.class)
class UserAccountRepositoryTests {

	@Autowired
	UserAccountRepository users;

	@Test
	void databaseRefusesAUsernameThatDiffersOnlyInCase() {
		String username = "Case" + System.nanoTime();
		save(username, "First");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> save(username.toUpperCase(), "Second"));
	}

	@Test
	void findsByUsernameOrDisplayNamePrefixIgnoringCaseByUsername() {
		String prefix = "p" + System.nanoTime();
		UserAccount byDisplayName = save("z" + prefix, prefix.toUpperCase() + " Zed");
		UserAccount byUsername = save(prefix + "a", "Anything");
		UserAccount excluded = save(prefix + "b", "Me");

		assertThat(this.users.findByPrefix(prefix, excluded.getId(), PageRequest.of(0, 10)))
			.containsExactly(byUsername, byDisplayName);
	}

	@Test
	void findsWildcardsOnlyAsThemselves() {
		String prefix = "w" + System.nanoTime();
		UserAccount underscore = save(prefix + "_1", "Literal underscore");
		save(prefix + "x1", "Would match an unescaped underscore");
		UserAccount escapeCharacter = save(prefix + "!_", "Literal escape character");

		assertThat(this.users.findByPrefix(prefix + "_", 0, PageRequest.of(0, 10))).containsExactly(underscore);
		assertThat(this.users.findByPrefix(prefix + "!", 0, PageRequest.of(0, 10))).containsExactly(escapeCharacter);
		assertThat(this.users.findByPrefix(prefix + "%", 0, PageRequest.of(0, 10))).isEmpty();
	}

	private UserAccount save(String username, String displayName) {
		return this.users.saveAndFlush(new UserAccount(username, displayName, "{noop}x", Instant.now()));
	}
}
