package io.webchat.chat.message;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.chat.conversation.ChatMessage;
import io.webchat.chat.conversation.ConversationKey;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sending", description = "Sending messages to friends and groups")
class MessageController {

	private final MessageService messages;

	MessageController(MessageService messages) {
		this.messages = messages;
	}

	@PostMapping("/api/chat/messages")
	@Operation(summary = "Send a message",
			description = "To a friend (`single`) or to a group I am in (`group`). The server sets `id`, `seq`, `from` "
					+ "(me) and `timestamp`, keeps the message in the conversation's history and delivers it to every "
					+ "open client of the recipients and to my own other clients. Give a `clientMessageId` to make "
					+ "retries safe: the same id is stored and delivered once.")
	@ApiResponse(responseCode = "201", description = "Stored and delivered")
	@ApiResponse(responseCode = "200", description = "A retry of a message already stored: the stored copy")
	@ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid field; `errors` lists them")
	@ApiResponse(responseCode = "403", description = "Not a friend, or not a member of the group; nothing was sent")
	Mono<ResponseEntity<ChatMessage>> send(@AuthenticationPrincipal Jwt token,
			@Valid @RequestBody SendMessageRequest request) {
		long senderId = AuthenticatedUser.id(token);
		return this.messages.send(senderId, request).map((sent) -> {
			if (!sent.created()) {
				return ResponseEntity.ok(sent.message());
			}
			String conversation = ConversationKey.of(request.type(), senderId, request.to()).nameFor(senderId);
			return ResponseEntity
				.created(URI.create(
						"/api/chat/conversations/" + conversation + "/messages?before=" + (sent.message().seq() + 1)))
				.body(sent.message());
		});
	}
}
