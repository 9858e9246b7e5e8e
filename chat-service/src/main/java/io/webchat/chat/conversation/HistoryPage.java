package io.webchat.chat.conversation;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A page of a conversation's history")
public record HistoryPage(@Schema(description = "Oldest first") List<ChatMessage> messages,
		@Schema(description = "Whether older messages exist: ask again with `before` = the first message's seq") boolean hasMore) {
}
