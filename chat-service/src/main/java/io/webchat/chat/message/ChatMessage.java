package io.webchat.chat.message;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A message as stored and delivered. {@code id}, {@code from} and {@code timestamp} are set by
 * the server; a client cannot choose them.
 */
@Schema(description = "A stored message")
public record ChatMessage(@Schema(description = "Server-assigned, increasing", example = "42") long id,
		@Schema(description = "The sender: always the logged-in user who sent it", example = "1") long from,
		@Schema(description = "A user id for `single`, a group id for `group`", example = "2") long to,
		@Schema(example = "single") MessageType type, @Schema(example = "hello 👋") String msg,
		@Schema(description = "When the server accepted it (UTC)", example = "2026-11-26T02:08:02.123Z") Instant timestamp) {
}
