package io.webchat.gateway.session;

import java.io.Serial;
import java.io.Serializable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The logged-in user, as kept in the session (in Redis, so it must be serializable). Its name
 * is the username; its id keys the list of the user's sessions ({@link UserSessions}).
 */
public record ChatUser(long id, String username, String displayName) implements Serializable, AuthenticatedPrincipal {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	@JsonIgnore
	public String getName() {
		return this.username;
	}

}
