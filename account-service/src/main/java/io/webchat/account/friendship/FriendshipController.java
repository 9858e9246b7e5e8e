package io.webchat.account.friendship;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.account.user.UserSummary;
import io.webchat.identity.AuthenticatedUser;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Friends", description = "Who I may chat with one-to-one")
class FriendshipController {

	private final FriendshipService friendships;

	FriendshipController(FriendshipService friendships) {
		this.friendships = friendships;
	}

	@GetMapping("/api/accounts/me/friends")
	@Operation(summary = "My friends", description = "Paged, sorted by display name by default.")
	PagedModel<UserSummary> myFriends(@AuthenticationPrincipal Jwt token,
			@ParameterObject @PageableDefault(size = 100, sort = "displayName", direction = Sort.Direction.ASC) Pageable pageable) {
		return new PagedModel<>(this.friendships.friendsOf(AuthenticatedUser.id(token), pageable).map(UserSummary::of));
	}
}
