package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A group as its members see it")
public record GroupSummary(@Schema(description = "Group id, the `to` of a group message", example = "1") long id,
		@Schema(description = "The group's name", example = "Demo group") String name,
		@Schema(description = "What the group is about; may be empty", example = "alice, bob and carol") String brief,
		@Schema(description = "The owner's user id", example = "1") long ownerId,
		@Schema(description = "The most members the group may have", example = "200") int maxMembers,
		@Schema(description = "How many members it has now, the owner included", example = "3") long memberCount) {
}
