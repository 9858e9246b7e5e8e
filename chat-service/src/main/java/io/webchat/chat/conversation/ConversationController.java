package io.webchat.chat.conversation;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Conversations", description = "History and unread counts")
class ConversationController {

	private final ConversationService conversations;

	ConversationController(ConversationService conversations) {
		this.conversations = conversations;
	}

	@GetMapping("/api/chat/conversations/{conversation}/messages")
	@Operation(summary = "A page of a conversation's history",
			description = "The newest messages (or the newest before `before`), oldest first. Page backwards by "
					+ "passing the first message's `seq` as `before`.")
	@ApiResponse(responseCode = "400", description = "Not a conversation name")
	@ApiResponse(responseCode = "404", description = "A group I am not a member of")
	Mono<HistoryPage> history(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "`single:<friend's user id>` or `group:<group id>`", example = "single:2") @PathVariable String conversation,
			@Parameter(description = "Only messages with a smaller seq", example = "120") @RequestParam(required = false) @Min(1) Long before,
			@Parameter(description = "Messages per page (default 50, at most 200)", example = "50") @RequestParam(required = false) @Min(1) @Max(200) Integer limit) {
		return this.conversations.history(AuthenticatedUser.id(token), conversation, before, limit);
	}

	@PutMapping("/api/chat/conversations/{conversation}/read-marker")
	@Operation(summary = "Mark a conversation read",
			description = "Clears its unread count; my other open clients get a `read` event and clear their badge.")
	@ApiResponse(responseCode = "204", description = "Marked read")
	Mono<ResponseEntity<Void>> markRead(@AuthenticationPrincipal Jwt token,
			@Parameter(example = "single:2") @PathVariable String conversation) {
		return this.conversations.markRead(AuthenticatedUser.id(token), conversation)
			.thenReturn(ResponseEntity.noContent().build());
	}

	@GetMapping("/api/chat/unread")
	@Operation(summary = "My unread counts", description = "Per conversation; conversations with none are left out.")
	Mono<Map<String, Long>> unread(@AuthenticationPrincipal Jwt token) {
		return this.conversations.unread(AuthenticatedUser.id(token));
	}
}
