package io.webchat.chat.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import io.webchat.chat.conversation.MessageType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What a client may say about a message. A client that still sends {@code id}, {@code from},
 * {@code seq} or {@code timestamp} (as the seed's page did) is not refused, but those values
 * are ignored.
 */
@Schema(description = "A message to send")
@JsonIgnoreProperties({ "id", "from", "seq", "timestamp" })
public record SendMessageRequest(
		@Schema(description = "Recipient: a friend's user id, or a group id; a JSON integer (not `2.0`, not `\"2\"`)",
				example = "2")
		@NotNull @Positive Long to,
		@Schema(description = "`single` for a friend, `group` for a group, in lower case", example = "single")
		@NotNull MessageType type,
		@Schema(description = "The text: not blank, at most 4000 characters (configurable), no control characters "
				+ "but line breaks and tabs", example = "hello 👋") @NotBlank @Size(max = 16000) String msg,
		@Schema(description = "Optional id the client chose for this message; sending again with the same id stores "
				+ "and delivers the message once and answers with the stored copy", example = "m-1732586882123-4f2a")
		@Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}", message = "must be 1-64 letters, digits, '_', '.', ':' or '-'") String clientMessageId,
		@Schema(description = "Optional: the id of the sending client, from its registration. That client takes the "
				+ "message from this answer, so its poll is not handed it again; my other clients still get it",
				example = "4f2a9c0e8b7d4e1f")
		@Pattern(regexp = "[A-Za-z0-9]{1,64}", message = "must be 1-64 letters or digits") String clientId) {
}
