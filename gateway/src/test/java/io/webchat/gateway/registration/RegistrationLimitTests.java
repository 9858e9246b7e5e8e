package io.webchat.gateway.registration;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests are sign-ups, and so counted: every spelling that account-service routes as one. */
class RegistrationLimitTests {

	@Test
	void everySpellingOfThePathThatReachesRegistrationIsASignUp() {
		for (String path : new String[] { "/api/accounts/users", "/api//accounts//users/", "/api/accounts/users;x=1",
				"/api/accounts/%75sers", "/api/accounts/users?page=1" }) {
			// a URI as it arrives: post(String) would take it for a template and encode the "%"
			MockServerHttpRequest request = MockServerHttpRequest.method(HttpMethod.POST, URI.create(path)).build();
			assertThat(RegistrationLimit.isSignUp(request)).as(path).isTrue();
		}
	}

	@Test
	void otherCallsAreNot() {
		assertThat(RegistrationLimit.isSignUp(MockServerHttpRequest.get("/api/accounts/users").build())).isFalse();
		assertThat(RegistrationLimit.isSignUp(MockServerHttpRequest.post("/api/accounts/users/7").build())).isFalse();
		assertThat(RegistrationLimit.isSignUp(MockServerHttpRequest.post("/api/accounts/userss").build())).isFalse();
	}
}
