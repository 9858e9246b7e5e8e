package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "New values for a group; a field left out (or null) keeps its value")
record GroupChange(@Schema(description = "1-64 characters of any script", example = "Lake walkers")
		@Size(min = 1, max = 64) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String name,
		@Schema(description = "Up to 500 characters; empty clears it", example = "Saturdays at nine, rain or shine")
		@Size(max = 500) String brief,
		@Schema(description = "The most members it may have, " + ChatGroup.SMALLEST_MAX_MEMBERS + " to "
				+ ChatGroup.LARGEST_MAX_MEMBERS + "; not below the members it has", example = "100")
		@Min(ChatGroup.SMALLEST_MAX_MEMBERS) @Max(ChatGroup.LARGEST_MAX_MEMBERS) Integer maxMembers) {
}
