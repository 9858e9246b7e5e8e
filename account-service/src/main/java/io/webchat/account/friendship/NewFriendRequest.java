package io.webchat.account.friendship;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

@Schema(description = "Whom to ask to be friends")
record NewFriendRequest(@Schema(description = "The id of the user to ask (see Find users)", example = "2")
		@NotNull @Positive Long userId) {
}
