package io.webchat.account.friendship;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import io.webchat.account.user.UserSummary;

@Schema(description = "A pending friend request")
public record FriendRequestView(@Schema(description = "Request id, for accepting, declining or cancelling it", example = "7") long id,
		@Schema(description = "Who asked") UserSummary from, @Schema(description = "Who was asked") UserSummary to,
		@Schema(description = "When it was sent (UTC)", example = "2026-01-31T09:30:00Z") Instant createdAt) {

	FriendRequestView(long id, long fromId, String fromUsername, String fromDisplayName, long toId, String toUsername,
			String toDisplayName, Instant createdAt) {
		this(id, new UserSummary(fromId, fromUsername, fromDisplayName), new UserSummary(toId, toUsername, toDisplayName),
				createdAt);
	}
}
