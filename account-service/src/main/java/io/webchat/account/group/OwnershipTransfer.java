package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

@Schema(description = "Who owns the group from now on")
record OwnershipTransfer(@Schema(description = "The new owner's user id; must be a member", example = "2")
		@NotNull @Positive Long userId) {
}
