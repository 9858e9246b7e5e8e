package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A member of a group, with their role in it")
public record GroupMemberView(@Schema(description = "The member's user id", example = "1") long id,
		@Schema(description = "The member's login name", example = "alice") String username,
		@Schema(description = "Name shown in the chat", example = "Alice") String displayName,
		@Schema(description = "OWNER (exactly one), ADMIN (adds and removes members) or MEMBER", example = "MEMBER")
		GroupRole role) {

	GroupMemberView(long id, String username, String displayName, GroupMember.StoredRole storedRole, long ownerId) {
		this(id, username, displayName, (id == ownerId) ? GroupRole.OWNER : GroupRole.valueOf(storedRole.name()));
	}
}
