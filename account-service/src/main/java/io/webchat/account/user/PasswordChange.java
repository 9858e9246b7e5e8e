package io.webchat.account.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(description = "A new password, proven by the current one")
record PasswordChange(
		@Schema(description = "The password I log in with now", example = "plum tree at dusk",
				accessMode = Schema.AccessMode.WRITE_ONLY)
		@NotBlank @Size(max = 200) String currentPassword,
		@Schema(description = "At least 8 characters and at most 72 bytes in UTF-8, not one of the commonest passwords",
				example = "rain on the old bridge", accessMode = Schema.AccessMode.WRITE_ONLY)
		@NotBlank @AcceptablePassword String newPassword) {

	@Override
	public String toString() {
		return "PasswordChange[***]";
	}
}
