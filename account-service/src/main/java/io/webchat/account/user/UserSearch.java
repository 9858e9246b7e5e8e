package io.webchat.account.user;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What "Find users" looks for. */
record UserSearch(@Parameter(description = "The start of a username or display name, any case.", example = "ali",
		required = true) @NotBlank @Size(min = 1, max = 64) String query) {
}
