package io.webchat.account.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(description = "New values for my profile")
record ProfileChange(@Schema(description = "Name shown in the chat, 1-64 characters of any script", example = "小雨")
		@NotBlank @Size(max = 64) String displayName) {
}
