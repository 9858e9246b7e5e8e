package io.webchat.account.user;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.account.system.PageQuery;
import io.webchat.account.system.Refusals;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.webchat.account.system.AccountProblem.CURRENT_PASSWORD_WRONG;
import static io.webchat.account.system.AccountProblem.INVALID_REQUEST;
import static io.webchat.account.system.AccountProblem.USERNAME_TAKEN;
import static io.webchat.account.system.AccountProblem.USER_NOT_FOUND;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Users", description = "Registration, my profile and password, and finding people to befriend")
class UserController {

	private final UserAccountService accounts;

	UserController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/users")
	@SecurityRequirements
	@Operation(operationId = "register", summary = "Register a new account",
			description = "Public: needs no login. The password is stored only as a BCrypt hash.")
	@ApiResponse(responseCode = "201", description = "Registered; `Location` names the new user",
			headers = @Header(name = "Location", description = "The new user's URL",
					schema = @Schema(type = "string", format = "uri-reference", example = "/api/accounts/users/4")))
	@Refusals({ INVALID_REQUEST, USERNAME_TAKEN })
	ResponseEntity<UserSummary> register(@Valid @RequestBody RegistrationRequest request) {
		UserAccount user = this.accounts.register(request);
		return ResponseEntity.created(URI.create("/api/accounts/users/" + user.getId())).body(UserSummary.of(user));
	}

	@GetMapping("/users")
	@Operation(operationId = "findUsers", summary = "Find users to befriend",
			description = "Users whose username or display name starts with `query`, ignoring case, by username; "
					+ "never myself. Paged.")
	@ApiResponse(responseCode = "200", description = "One page of matching users")
	@Refusals(INVALID_REQUEST)
	PagedModel<UserSummary> findUsers(@AuthenticationPrincipal Jwt token, @Valid @ParameterObject UserSearch search,
			@Valid @ParameterObject PageQuery page) {
		return new PagedModel<>(
				this.accounts.search(search.query(), AuthenticatedUser.id(token), page.pageable()).map(UserSummary::of));
	}

	@GetMapping("/users/{userId}")
	@Operation(operationId = "getUser", summary = "A user's public profile")
	@ApiResponse(responseCode = "200", description = "The user")
	@Refusals(USER_NOT_FOUND)
	UserSummary user(@Parameter(description = "User id", example = "2") @PathVariable long userId) {
		return UserSummary.of(this.accounts.get(userId));
	}

	@GetMapping("/me")
	@Operation(operationId = "getMe", summary = "My profile", description = "The logged-in user, as the identity token names them.")
	@ApiResponse(responseCode = "200", description = "My profile")
	@Refusals(USER_NOT_FOUND)
	UserSummary me(@AuthenticationPrincipal Jwt token) {
		return UserSummary.of(this.accounts.get(AuthenticatedUser.id(token)));
	}

	@PatchMapping("/me")
	@Operation(operationId = "changeMyProfile", summary = "Change my display name",
			description = "Friends and group members see the new name the next time they load their lists.")
	@ApiResponse(responseCode = "200", description = "My profile as it is now")
	@Refusals({ INVALID_REQUEST, USER_NOT_FOUND })
	UserSummary changeProfile(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ProfileChange change) {
		return UserSummary.of(this.accounts.changeDisplayName(AuthenticatedUser.id(token), change.displayName()));
	}

	@PutMapping("/me/password")
	@Operation(operationId = "changeMyPassword", summary = "Change my password",
			description = "Needs the current password. The next login needs the new one.")
	@ApiResponse(responseCode = "204", description = "Changed")
	@Refusals({ INVALID_REQUEST, CURRENT_PASSWORD_WRONG, USER_NOT_FOUND })
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal Jwt token, @Valid @RequestBody PasswordChange change) {
		this.accounts.changePassword(AuthenticatedUser.id(token), change.currentPassword(), change.newPassword());
		return ResponseEntity.noContent().build();
	}
}
