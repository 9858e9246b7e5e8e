package io.webchat.account.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.testsupport.TestIdentityKeys;
import org.junit.jupiter.api.Test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "My profile" is whoever the gateway's token names, and only a valid token names anyone. */
class ProfileTests extends AccountServiceIntegrationTest {

	@Test
	void answersWithTheUserTheTokenNames() throws Exception {
		UserAccount user = newUser("Profile Owner");
		this.mvc.perform(get("/api/accounts/me").header("Authorization", bearer(user)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(user.getId()))
			.andExpect(jsonPath("$.displayName").value("Profile Owner"));
	}

	@Test
	void refusesARequestWithoutToken() throws Exception {
		this.mvc.perform(get("/api/accounts/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"));
	}

	@Test
	void refusesATokenSignedByAnotherKey() throws Exception {
		UserAccount user = newUser("Forged");
		String forged = TestIdentityKeys.untrusted()
			.issuer()
			.issueForUser(user.getId(), user.getUsername(), IdentityTokenClaims.ACCOUNT_SERVICE);
		this.mvc.perform(get("/api/accounts/me").header("Authorization", "Bearer " + forged))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void refusesATokenMeantForAnotherService() throws Exception {
		UserAccount user = newUser("Wrong audience");
		String forChat = TestIdentityKeys.TRUSTED.issuer()
			.issueForUser(user.getId(), user.getUsername(), IdentityTokenClaims.CHAT_SERVICE);
		this.mvc.perform(get("/api/accounts/me").header("Authorization", "Bearer " + forChat))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void refusesAnExpiredToken() throws Exception {
		UserAccount user = newUser("Expired");
		Clock twoMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC);
		String expired = TestIdentityKeys.TRUSTED.issuer(TestIdentityKeys.ISSUER, twoMinutesAgo)
			.issueForUser(user.getId(), user.getUsername(), IdentityTokenClaims.ACCOUNT_SERVICE);
		this.mvc.perform(get("/api/accounts/me").header("Authorization", "Bearer " + expired))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void refusesATokenFromAnotherIssuer() throws Exception {
		UserAccount user = newUser("Other issuer");
		String otherIssuer = TestIdentityKeys.TRUSTED.issuer("someone-else", Clock.systemUTC())
			.issueForUser(user.getId(), user.getUsername(), IdentityTokenClaims.ACCOUNT_SERVICE);
		this.mvc.perform(get("/api/accounts/me").header("Authorization", "Bearer " + otherIssuer))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void refusesAnUnsignedToken() throws Exception {
		UserAccount user = newUser("Unsigned");
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
		String claims = base64.encodeToString(("{\"sub\":\"" + user.getId()
				+ "\",\"iss\":\"webchat-gateway\",\"aud\":[\"account-service\"],\"scope\":\"user\",\"iat\":" + now
				+ ",\"exp\":" + (now + 30) + "}")
			.getBytes());
		this.mvc.perform(get("/api/accounts/me").header("Authorization", "Bearer " + header + "." + claims + "."))
			.andExpect(status().isUnauthorized());
	}
}
