package io.webchat.chat.message;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sending", description = "Sending messages to friends and groups")
class MessageController {

	private final MessageService messages;

	MessageController(MessageService messages) {
		this.messages = messages;
	}

	@PostMapping("/api/chat/messages")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Send a message",
			description = "To a friend (`single`) or to a group I am in (`group`). The server sets `id`, `from` "
					+ "(me) and `timestamp`; the message waits in each recipient's inbox until they poll.")
	@ApiResponse(responseCode = "201", description = "Accepted and delivered to the recipients' inboxes")
	@ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid field; `errors` lists them")
	@ApiResponse(responseCode = "403", description = "Not a friend, or not a member of the group; nothing was sent")
	ChatMessage send(@AuthenticationPrincipal Jwt token, @Valid @RequestBody SendMessageRequest request) {
		return this.messages.send(AuthenticatedUser.id(token), request);
	}
}
