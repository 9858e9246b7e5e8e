package io.webchat.chat.conversation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A message as stored and delivered. {@code id}, {@code from}, {@code timestamp} and
 * {@code seq} are set by the server; a client cannot choose them.
 */
@Schema(description = "A stored message")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
		@Schema(description = "Position in its conversation: increasing, the order every client shows", example = "57") long seq,
		@Schema(description = "Server-assigned, unique, increasing across conversations", example = "4242") long id,
		@Schema(description = "The sender: always the logged-in user who sent it", example = "1") long from,
		@Schema(description = "A user id for `single`, a group id for `group`", example = "2") long to,
		@Schema(example = "single") MessageType type, @Schema(example = "hello 👋") String msg,
		@Schema(description = "When the server accepted it (UTC)", example = "2026-11-26T02:08:02.123Z") Instant timestamp,
		@Schema(description = "The sender's own id for it, echoed so the sending page can match its draft",
				example = "m-1732586882123-4f2a") String clientMessageId) {
}
