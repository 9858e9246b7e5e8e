package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(description = "A new group; I become its owner and first member")
record NewGroup(@Schema(description = "1-64 characters of any script", example = "Hikers") @NotBlank @Size(max = 64) String name,
		@Schema(description = "What the group is about, up to 500 characters; empty when absent",
				example = "Weekend walks around the lake") @Size(max = 500) String brief,
		@Schema(description = "The most members it may have, the owner included: " + ChatGroup.SMALLEST_MAX_MEMBERS + " to "
				+ ChatGroup.LARGEST_MAX_MEMBERS + ", " + ChatGroup.DEFAULT_MAX_MEMBERS + " when absent", example = "50",
				defaultValue = "" + ChatGroup.DEFAULT_MAX_MEMBERS)
		@Min(ChatGroup.SMALLEST_MAX_MEMBERS) @Max(ChatGroup.LARGEST_MAX_MEMBERS) Integer maxMembers) {

	String briefOrEmpty() {
		return (this.brief != null) ? this.brief.strip() : "";
	}

	int maxMembersOrDefault() {
		return (this.maxMembers != null) ? this.maxMembers : ChatGroup.DEFAULT_MAX_MEMBERS;
	}
}
