package io.webchat.account.group;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

@Schema(description = "Whom to add to the group")
record NewMember(@Schema(description = "The user's id", example = "3") @NotNull @Positive Long userId) {
}
