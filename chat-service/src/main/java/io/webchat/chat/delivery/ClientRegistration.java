package io.webchat.chat.delivery;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A client registered to receive events")
public record ClientRegistration(
		@Schema(description = "Poll GET /api/chat/clients/{clientId}/events with it", example = "4f2a9c0e8b7d4e1f") String clientId,
		@Schema(description = "Unread messages per conversation, as the server counts them", example = "{\"single:2\": 3, \"group:1\": 1}") Map<String, Long> unread,
		@Schema(description = "Ids of the friends who are online now", example = "[2, 3]") List<Long> onlineFriends) {
}
