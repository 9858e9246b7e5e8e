package io.webchat.account.friendship;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.account.system.PageQuery;
import io.webchat.account.system.Refusals;
import io.webchat.account.user.UserSummary;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.webchat.account.system.AccountProblem.FRIEND_NOT_FOUND;
import static io.webchat.account.system.AccountProblem.INVALID_REQUEST;

@RestController
@RequestMapping("/api/accounts/me/friends")
@Tag(name = "Friends", description = "Who I may chat with one-to-one. Friendships are symmetric and made by "
		+ "accepting a friend request.")
class FriendshipController {

	private final FriendshipService friendships;

	FriendshipController(FriendshipService friendships) {
		this.friendships = friendships;
	}

	@GetMapping
	@Operation(operationId = "listMyFriends", summary = "My friends", description = "By display name, paged.")
	@ApiResponse(responseCode = "200", description = "One page of my friends")
	@Refusals(INVALID_REQUEST)
	PagedModel<UserSummary> myFriends(@AuthenticationPrincipal Jwt token, @Valid @ParameterObject PageQuery page) {
		return new PagedModel<>(
				this.friendships.friendsOf(AuthenticatedUser.id(token), page.pageable()).map(UserSummary::of));
	}

	@GetMapping("/{userId}")
	@Operation(operationId = "getMyFriend", summary = "One of my friends")
	@ApiResponse(responseCode = "200", description = "The friend")
	@Refusals(FRIEND_NOT_FOUND)
	UserSummary friend(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "The friend's user id", example = "2") @PathVariable long userId) {
		return UserSummary.of(this.friendships.friend(AuthenticatedUser.id(token), userId));
	}

	@DeleteMapping("/{userId}")
	@Operation(operationId = "removeMyFriend", summary = "End a friendship",
			description = "Either friend may end it, for both. Takes effect for the next message: chat-service "
					+ "then refuses messages between the two.")
	@ApiResponse(responseCode = "204", description = "No longer friends")
	@Refusals(FRIEND_NOT_FOUND)
	ResponseEntity<Void> unfriend(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "The friend's user id", example = "2") @PathVariable long userId) {
		this.friendships.unfriend(AuthenticatedUser.id(token), userId);
		return ResponseEntity.noContent().build();
	}
}
