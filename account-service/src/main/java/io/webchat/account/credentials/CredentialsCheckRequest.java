package io.webchat.account.credentials;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(description = "A username and password typed into the login form")
record CredentialsCheckRequest(@Schema(example = "alice") @NotNull @Size(max = 64) String username,
		@Schema(example = "alice-secret", accessMode = Schema.AccessMode.WRITE_ONLY) @NotNull @Size(max = 200) String password) {

	@Override
	public String toString() {
		return "CredentialsCheckRequest[username=" + this.username + "]";
	}
}
