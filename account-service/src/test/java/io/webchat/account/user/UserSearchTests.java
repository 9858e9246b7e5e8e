package io.webchat.account.user;

import java.util.UUID;

import io.webchat.account.AccountServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Finding people to befriend. The database outlives test runs, so each test searches a fresh prefix. */
class UserSearchTests extends AccountServiceIntegrationTest {

	@Test
	void findsUsersByTheStartOfTheirUsernameIgnoringCase() throws Exception {
		String prefix = freshPrefix();
		UserAccount found = userNamed(prefix + "Alice", "Someone");
		userNamed("z" + prefix, "Not at the start");
		UserAccount me = newUser("Searcher");

		as(me, get("/api/accounts/users").param("query", prefix.toUpperCase()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].id").value(containsInAnyOrder(found.getId().intValue())))
			.andExpect(jsonPath("$.content[0].username").value(found.getUsername()))
			.andExpect(jsonPath("$.content[0].passwordHash").doesNotExist());
	}

	@Test
	void findsUsersByTheStartOfTheirDisplayName() throws Exception {
		String prefix = freshPrefix();
		UserAccount found = userNamed(uniqueUsername(), "雪" + prefix + " Snow");
		UserAccount me = newUser("Searcher");

		as(me, get("/api/accounts/users").param("query", "雪" + prefix))
			.andExpect(jsonPath("$.content[*].id").value(containsInAnyOrder(found.getId().intValue())));
	}

	@Test
	void neverFindsTheSearcher() throws Exception {
		String prefix = freshPrefix();
		UserAccount me = userNamed(prefix + "me", "Me");
		UserAccount other = userNamed(prefix + "other", "Other");

		as(me, get("/api/accounts/users").param("query", prefix))
			.andExpect(jsonPath("$.content[*].id").value(containsInAnyOrder(other.getId().intValue())));
	}

	@Test
	void matchesPercentAndUnderscoreOnlyAsThemselves() throws Exception {
		String prefix = freshPrefix();
		UserAccount underscored = userNamed(prefix + "_x", "Underscored");
		userNamed(prefix + "ax", "Would match an unescaped underscore");
		UserAccount me = newUser("Searcher");

		as(me, get("/api/accounts/users").param("query", prefix + "_"))
			.andExpect(jsonPath("$.content[*].id").value(containsInAnyOrder(underscored.getId().intValue())));
		as(me, get("/api/accounts/users").param("query", "%")).andExpect(jsonPath("$.page.totalElements").value(0));
	}

	@Test
	void pagesTheResultsByUsername() throws Exception {
		String prefix = freshPrefix();
		userNamed(prefix + "a", "A");
		userNamed(prefix + "b", "B");
		UserAccount third = userNamed(prefix + "c", "C");
		UserAccount me = newUser("Searcher");

		as(me, get("/api/accounts/users").param("query", prefix).param("size", "2").param("page", "1"))
			.andExpect(jsonPath("$.content[*].id").value(containsInAnyOrder(third.getId().intValue())))
			.andExpect(jsonPath("$.page.totalElements").value(3))
			.andExpect(jsonPath("$.page.totalPages").value(2));
	}

	@Test
	void refusesAMissingQueryAndAPageSizeOutOfBounds() throws Exception {
		UserAccount me = newUser("Searcher");
		as(me, get("/api/accounts/users")).andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("query")));
		as(me, get("/api/accounts/users").param("query", "a").param("size", "1001"))
			.andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("size")));
	}

	private UserAccount userNamed(String username, String displayName) {
		return this.accounts.register(new RegistrationRequest(username, displayName, "a long password 1"));
	}

	/** A prefix no earlier run's user has ({@link #uniqueUsername()} names start with "u"). */
	private static String freshPrefix() {
		return "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}
}
