package io.webchat.account;

import java.util.ArrayList;
import java.util.List;

import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountRepository;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every JSON body account-service reads, with a value of the wrong JSON type in each of its
 * fields: most of them a lenient reader would have turned into a request that succeeds
 * ({@code "userId": 7.0} a friend request to user 7, {@code "displayName": 42} the name "42").
 * Each is a 400 naming the field, and nothing is written. The rule is problem-details'
 * StrictJsonInput, the same one chat-service reads messages by.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictJsonTests extends AccountServiceIntegrationTest {

	@Autowired
	UserAccountRepository users;

	private UserAccount me;

	private UserAccount bob;

	private UserAccount carol;

	private long groupId;

	/** Shared by every case: a refusal writes nothing, and each case compares before and after. */
	@BeforeAll
	void meBobCarolAndMyGroup() throws Exception {
		this.me = newUser("Me");
		this.bob = newUser("Bob");
		this.carol = newUser("Carol");
		this.groupId = myGroupWith(this.me, this.carol);
	}

	/**
	 * In each body {@code %1$d} is bob, whom a friend request or a new member would name;
	 * {@code %2$d} is carol, a member of my group {@code %3$d}; {@code %4$s} a username nobody has.
	 */
	@ParameterizedTest(name = "{0} {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			POST  | /api/accounts/users                  | {"username": true, "displayName": "X", "password": "a long password 1"}           | username
			POST  | /api/accounts/users                  | {"username": 12345678, "displayName": "X", "password": "a long password 1"}       | username
			POST  | /api/accounts/users                  | {"username": "%4$s", "displayName": 42, "password": "a long password 1"}          | displayName
			POST  | /api/accounts/users                  | {"username": "%4$s", "displayName": "X", "password": 123456789012}                | password
			POST  | /api/accounts/users                  | {"username": "x%4$s", "username": "%4$s", "displayName": "X", "password": "a long password 1"} | username
			PATCH | /api/accounts/me                     | {"displayName": 424206070630}                                                    | displayName
			PATCH | /api/accounts/me                     | {"displayName": true}                                                            | displayName
			PUT   | /api/accounts/me/password            | {"currentPassword": "a long password 1", "newPassword": 12345678901}              | newPassword
			PUT   | /api/accounts/me/password            | {"currentPassword": true, "newPassword": "another long password 2"}               | currentPassword
			POST  | /api/accounts/me/friend-requests     | {"userId": %1$d.5}                                                                | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": %1$d.0}                                                                | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": %1$de0}                                                                | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": "%1$d"}                                                                | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": "%1$d.5"}                                                              | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": true}                                                                  | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": [%1$d]}                                                                | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": 99999999999999999999}                                                  | userId
			POST  | /api/accounts/me/friend-requests     | {"userId": %2$d, "userId": %1$d}                                                  | userId
			POST  | /api/accounts/groups                 | {"name": 7}                                                                       | name
			POST  | /api/accounts/groups                 | {"name": "Strict", "brief": false}                                                | brief
			POST  | /api/accounts/groups                 | {"name": "Strict", "maxMembers": 50.5}                                            | maxMembers
			POST  | /api/accounts/groups                 | {"name": "Strict", "maxMembers": 5e1}                                             | maxMembers
			POST  | /api/accounts/groups                 | {"name": "Strict", "maxMembers": "50"}                                            | maxMembers
			PATCH | /api/accounts/groups/%3$d            | {"name": 1}                                                                       | name
			PATCH | /api/accounts/groups/%3$d            | {"brief": true}                                                                   | brief
			PATCH | /api/accounts/groups/%3$d            | {"maxMembers": 100.0}                                                             | maxMembers
			POST  | /api/accounts/groups/%3$d/members    | {"userId": %1$d.0}                                                                | userId
			POST  | /api/accounts/groups/%3$d/members    | {"userId": "%1$d"}                                                                | userId
			PUT   | /api/accounts/groups/%3$d/owner      | {"userId": %2$d.0}                                                                | userId
			PUT   | /api/accounts/groups/%3$d/owner      | {"userId": "%2$d"}                                                                | userId
			POST  | /internal/credentials/check          | {"username": 1, "password": "a long password 1"}                                  | username
			POST  | /internal/credentials/check          | {"username": "%4$s", "password": true}                                            | password
			""")
	void refusesAValueOfTheWrongJsonTypeNamingItsFieldAndWritesNothing(String method, String path, String body,
			String field) throws Exception {
		String freeUsername = uniqueUsername();
		List<String> before = everythingThisCouldChange();

		ResultActions answer = this.mvc.perform(request(HttpMethod.valueOf(method), path.formatted(0, 0, this.groupId))
			.header("Authorization", path.startsWith("/internal/") ? gatewayToken() : bearer(this.me))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(this.bob.getId(), this.carol.getId(), this.groupId, freeUsername)));

		answer.andExpect(refused(HttpStatus.BAD_REQUEST, "validation"))
			.andExpect(jsonPath("$.errors[*].field").value(contains(field)));
		assertThat(everythingThisCouldChange()).isEqualTo(before);
		assertThat(this.users.existsByUsernameKey(freeUsername.toLowerCase())).isFalse();
	}

	@Test
	void saysWhatARefusedValueMustBe() throws Exception {
		as(this.me, post("/api/accounts/me/friend-requests"), "{\"userId\": \"%d\"}".formatted(this.bob.getId()))
			.andExpect(jsonPath("$.errors[0].message").value(startsWith("must be an integer")));
		as(this.me, post("/api/accounts/groups"), "{\"name\": 7}")
			.andExpect(jsonPath("$.errors[0].message").value("must be a JSON string"));
		as(this.me, post("/api/accounts/me/friend-requests"),
				"{\"userId\": %d, \"userId\": %d}".formatted(this.bob.getId(), this.bob.getId()))
			.andExpect(jsonPath("$.errors[0].message").value("is given more than once"));
	}

	private long myGroupWith(UserAccount owner, UserAccount member) throws Exception {
		String location = as(owner, post("/api/accounts/groups"), "{\"name\": \"Strict\", \"maxMembers\": 50}")
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		long groupId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		as(owner, post("/api/accounts/groups/{id}/members", groupId), "{\"userId\": %d}".formatted(member.getId()))
			.andExpect(status().isCreated());
		return groupId;
	}

	/** What each of us sees of ourselves, our requests, friends and groups, and our password hashes. */
	private List<String> everythingThisCouldChange() throws Exception {
		List<String> seen = new ArrayList<>();
		for (UserAccount user : List.of(this.me, this.bob, this.carol)) {
			seen.add(body(as(user, get("/api/accounts/me"))));
			seen.add(body(as(user, get("/api/accounts/me/friend-requests/sent"))));
			seen.add(body(as(user, get("/api/accounts/me/friend-requests/received"))));
			seen.add(body(as(user, get("/api/accounts/me/friends"))));
			seen.add(body(as(user, get("/api/accounts/me/groups"))));
			seen.add(this.users.findById(user.getId()).orElseThrow().getPasswordHash());
		}
		seen.add(body(as(this.me, get("/api/accounts/groups/{id}", this.groupId))));
		seen.add(body(as(this.me, get("/api/accounts/groups/{id}/members", this.groupId))));
		return seen;
	}

	/** The gateway's token for a password check, fresh for each request: such tokens live briefly. */
	private static String gatewayToken() {
		return "Bearer " + TestIdentityKeys.TRUSTED.issuer()
			.issueForGateway(IdentityTokenClaims.ACCOUNT_SERVICE, IdentityTokenClaims.CREDENTIALS_CHECK_SCOPE);
	}

	private static String body(ResultActions answer) throws Exception {
		return answer.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}
