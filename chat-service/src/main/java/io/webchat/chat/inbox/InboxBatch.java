package io.webchat.chat.inbox;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.webchat.chat.message.ChatMessage;

@Schema(description = "What a long poll returns: the messages that waited or arrived, oldest first; empty after a timeout")
public record InboxBatch(List<ChatMessage> messages) {
}
