package io.webchat.chat.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What a client may say about a message. A client that still sends {@code id}, {@code from} or
 * {@code timestamp} (as the seed's page did) is not refused, but those values are ignored.
 */
@Schema(description = "A message to send")
@JsonIgnoreProperties({ "id", "from", "timestamp" })
public record SendMessageRequest(
		@Schema(description = "Recipient: a friend's user id, or a group id; \"3\" and 3 are the same", example = "2")
		@NotNull @Positive Long to,
		@Schema(description = "`single` for a friend, `group` for a group", example = "single") @NotNull MessageType type,
		@Schema(description = "The text, 1-4000 characters", example = "hello 👋") @NotBlank @Size(max = 4000) String msg) {
}
