package io.webchat.gateway.login;

import java.io.Serial;
import java.io.Serializable;

/** The logged-in user, as kept in the session (in Redis, so it must be serializable). */
public record ChatUser(long id, String username, String displayName) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

}
