package io.webchat.identity;

import org.springframework.security.oauth2.jwt.Jwt;

/** The user a verified identity token speaks for. */
public final class AuthenticatedUser {

	private AuthenticatedUser() {
	}

	/** The user's id; the gateway writes it as {@code sub}, so clients can never choose it. */
	public static long id(Jwt token) {
		return Long.parseLong(token.getSubject());
	}
}
