package io.webchat.account.user;

import io.swagger.v3.oas.annotations.media.Schema;

/** What anyone logged in may see of a user. */
@Schema(description = "A user as other users see them")
public record UserSummary(@Schema(description = "Numeric user id, the address of the user's chat inbox", example = "2") long id,
		@Schema(description = "Login name, unique without regard to case", example = "bob") String username,
		@Schema(description = "Name shown in the chat", example = "Bob") String displayName) {

	public static UserSummary of(UserAccount user) {
		return new UserSummary(user.getId(), user.getUsername(), user.getDisplayName());
	}
}
