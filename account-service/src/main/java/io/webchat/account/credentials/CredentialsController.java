package io.webchat.account.credentials;

import io.swagger.v3.oas.annotations.Hidden;
import io.webchat.account.system.AccountProblem;
import io.webchat.account.user.UserAccountService;
import io.webchat.account.user.UserSummary;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks a password for the gateway's login, so that password hashes never leave this service.
 * Only a token with the credentials-check scope gets here, and the gateway does not route
 * {@code /internal/**}, so browsers cannot use it as a password oracle.
 */
@Hidden
@RestController
class CredentialsController {

	private final UserAccountService accounts;

	CredentialsController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/internal/credentials/check")
	UserSummary check(@Valid @RequestBody CredentialsCheckRequest request) {
		return this.accounts.checkCredentials(request.username(), request.password())
			.map(UserSummary::of)
			.orElseThrow(() -> AccountProblem.BAD_CREDENTIALS.withDetail("Invalid username or password."));
	}
}
