package io.webchat.account.user;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Users", description = "Registration and profiles")
class UserController {

	private final UserAccountService accounts;

	UserController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/users")
	@SecurityRequirements
	@Operation(summary = "Register a new account", description = "Public: needs no login. The password is stored as a BCrypt hash.")
	@ApiResponse(responseCode = "201", description = "Registered; Location names the new user")
	@ApiResponse(responseCode = "400", description = "A field is invalid; `errors` lists each one")
	@ApiResponse(responseCode = "409", description = "The username is taken (regardless of case)")
	ResponseEntity<UserSummary> register(@Valid @RequestBody RegistrationRequest request) {
		UserAccount user = this.accounts.register(request);
		return ResponseEntity.created(URI.create("/api/accounts/users/" + user.getId())).body(UserSummary.of(user));
	}

	@GetMapping("/users/{id}")
	@Operation(summary = "A user's public profile")
	@ApiResponse(responseCode = "404", description = "No such user")
	UserSummary user(@Parameter(description = "User id", example = "2") @PathVariable long id) {
		return UserSummary.of(this.accounts.get(id));
	}

	@GetMapping("/me")
	@Operation(summary = "My profile", description = "The logged-in user, as the identity token names them.")
	UserSummary me(@AuthenticationPrincipal Jwt token) {
		return UserSummary.of(this.accounts.get(AuthenticatedUser.id(token)));
	}
}
