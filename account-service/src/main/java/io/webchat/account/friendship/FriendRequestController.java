package io.webchat.account.friendship;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.account.friendship.FriendRequestOutcome.AlreadyFriends;
import io.webchat.account.friendship.FriendRequestOutcome.BecameFriends;
import io.webchat.account.friendship.FriendRequestOutcome.Pending;
import io.webchat.account.system.PageQuery;
import io.webchat.account.system.Refusals;
import io.webchat.account.user.UserSummary;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.webchat.account.system.AccountProblem.ALREADY_FRIENDS;
import static io.webchat.account.system.AccountProblem.CONCURRENT_UPDATE;
import static io.webchat.account.system.AccountProblem.FRIEND_REQUEST_NOT_FOUND;
import static io.webchat.account.system.AccountProblem.FRIEND_REQUEST_PENDING;
import static io.webchat.account.system.AccountProblem.FRIEND_REQUEST_TO_SELF;
import static io.webchat.account.system.AccountProblem.INVALID_REQUEST;
import static io.webchat.account.system.AccountProblem.NOT_THE_ADDRESSEE;
import static io.webchat.account.system.AccountProblem.USER_NOT_FOUND;

@RestController
@RequestMapping("/api/accounts/me/friend-requests")
@Tag(name = "Friend requests", description = "Asking someone to be friends, and answering: the user asked accepts "
		+ "or declines, the asker may cancel while the request is pending.")
class FriendRequestController {

	private static final String REQUESTS = "/api/accounts/me/friend-requests/";

	private static final String FRIENDS = "/api/accounts/me/friends/";

	private final FriendRequestService requests;

	FriendRequestController(FriendRequestService requests) {
		this.requests = requests;
	}

	@PostMapping
	@Operation(operationId = "sendFriendRequest", summary = "Ask someone to be friends",
			description = "If they have already asked me, this accepts their request instead, and we are friends.")
	@ApiResponse(responseCode = "201", description = "Asked; `Location` names the pending request",
			headers = @Header(name = "Location", description = "The new request's URL",
					schema = @Schema(type = "string", format = "uri-reference", example = "/api/accounts/me/friend-requests/7")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = FriendRequestView.class)))
	@ApiResponse(responseCode = "200", description = "They had asked me already: their request is accepted and this is "
			+ "my new friend", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = UserSummary.class)))
	@Refusals({ INVALID_REQUEST, FRIEND_REQUEST_TO_SELF, USER_NOT_FOUND, ALREADY_FRIENDS, FRIEND_REQUEST_PENDING,
			CONCURRENT_UPDATE })
	ResponseEntity<?> send(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NewFriendRequest request) {
		FriendRequestOutcome outcome = this.requests.send(AuthenticatedUser.id(token), request.userId());
		return switch (outcome) {
			case Pending(FriendRequestView pending) ->
				ResponseEntity.created(URI.create(REQUESTS + pending.id())).body(pending);
			case BecameFriends(var friend) -> ResponseEntity.ok(UserSummary.of(friend));
			case AlreadyFriends(var friend) -> ResponseEntity.ok(UserSummary.of(friend));
		};
	}

	@GetMapping("/received")
	@Operation(operationId = "listReceivedFriendRequests", summary = "Requests I received",
			description = "Pending requests other users sent me, newest first, paged.")
	@ApiResponse(responseCode = "200", description = "One page of requests waiting for my answer")
	@Refusals(INVALID_REQUEST)
	PagedModel<FriendRequestView> received(@AuthenticationPrincipal Jwt token, @Valid @ParameterObject PageQuery page) {
		return new PagedModel<>(this.requests.received(AuthenticatedUser.id(token), page.pageable()));
	}

	@GetMapping("/sent")
	@Operation(operationId = "listSentFriendRequests", summary = "Requests I sent",
			description = "My requests that wait for an answer, newest first, paged.")
	@ApiResponse(responseCode = "200", description = "One page of my pending requests")
	@Refusals(INVALID_REQUEST)
	PagedModel<FriendRequestView> sent(@AuthenticationPrincipal Jwt token, @Valid @ParameterObject PageQuery page) {
		return new PagedModel<>(this.requests.sent(AuthenticatedUser.id(token), page.pageable()));
	}

	@GetMapping("/{requestId}")
	@Operation(operationId = "getFriendRequest", summary = "A pending request I sent or received")
	@ApiResponse(responseCode = "200", description = "The request")
	@Refusals(FRIEND_REQUEST_NOT_FOUND)
	FriendRequestView request(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Request id", example = "7") @PathVariable long requestId) {
		return this.requests.get(AuthenticatedUser.id(token), requestId);
	}

	@PostMapping("/{requestId}/acceptance")
	@Operation(operationId = "acceptFriendRequest", summary = "Accept a request I received",
			description = "We become friends, on both sides at once, and may chat from the next message on.")
	@ApiResponse(responseCode = "201", description = "Accepted; `Location` names my new friend",
			headers = @Header(name = "Location", description = "The new friend's URL among my friends",
					schema = @Schema(type = "string", format = "uri-reference", example = "/api/accounts/me/friends/2")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = UserSummary.class)))
	@ApiResponse(responseCode = "200", description = "A concurrent acceptance of the same request got there first; "
			+ "this is the same new friend", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = UserSummary.class)))
	@Refusals({ FRIEND_REQUEST_NOT_FOUND, NOT_THE_ADDRESSEE })
	ResponseEntity<UserSummary> accept(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Request id", example = "7") @PathVariable long requestId) {
		FriendRequestOutcome outcome = this.requests.accept(AuthenticatedUser.id(token), requestId);
		return switch (outcome) {
			case BecameFriends(var friend) ->
				ResponseEntity.created(URI.create(FRIENDS + friend.getId())).body(UserSummary.of(friend));
			case AlreadyFriends(var friend) -> ResponseEntity.ok(UserSummary.of(friend));
			case Pending pending -> throw new IllegalStateException("An acceptance cannot leave a request pending");
		};
	}

	@DeleteMapping("/{requestId}")
	@Operation(operationId = "dismissFriendRequest", summary = "Decline a request I received, or cancel one I sent",
			description = "The request is gone either way; the asker may ask again later.")
	@ApiResponse(responseCode = "204", description = "Declined or cancelled")
	@Refusals(FRIEND_REQUEST_NOT_FOUND)
	ResponseEntity<Void> dismiss(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Request id", example = "7") @PathVariable long requestId) {
		this.requests.dismiss(AuthenticatedUser.id(token), requestId);
		return ResponseEntity.noContent().build();
	}
}
