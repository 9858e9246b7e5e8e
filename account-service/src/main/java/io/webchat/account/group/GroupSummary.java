package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A group as its members see it")
public record GroupSummary(@Schema(description = "Group id, the `to` of a group message", example = "1") long id,
		@Schema(example = "Demo group") String name, @Schema(example = "alice, bob and carol") String brief,
		@Schema(example = "1") long ownerId, @Schema(example = "200") int maxMembers,
		@Schema(example = "3") long memberCount) {
}
