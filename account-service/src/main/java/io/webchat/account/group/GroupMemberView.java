package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A member of a group")
public record GroupMemberView(@Schema(example = "1") long id, @Schema(example = "alice") String username,
		@Schema(example = "Alice") String displayName, GroupRole role) {

	GroupMemberView(long id, String username, String displayName, GroupMember.StoredRole storedRole, long ownerId) {
		this(id, username, displayName, (id == ownerId) ? GroupRole.OWNER : GroupRole.valueOf(storedRole.name()));
	}
}
