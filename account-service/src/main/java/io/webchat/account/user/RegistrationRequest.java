package io.webchat.account.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "A new account")
public record RegistrationRequest(
		@Schema(description = "3-32 letters, digits, '_', '.' or '-'; unique without regard to case", example = "xiaoyu")
		@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "must be 3-32 letters, digits, '_', '.' or '-'") String username,
		@Schema(description = "Name shown in the chat, 1-64 characters of any script", example = "小雨")
		@NotBlank @Size(max = 64) String displayName,
		@Schema(description = "At least 8 characters and at most 72 bytes in UTF-8, not one of the commonest "
				+ "passwords; stored only as a BCrypt hash, never returned or logged",
				example = "plum tree at dusk", accessMode = Schema.AccessMode.WRITE_ONLY)
		@NotBlank @AcceptablePassword String password) {

	@Override
	public String toString() {
		return "RegistrationRequest[username=" + this.username + ", displayName=" + this.displayName + "]";
	}
}
