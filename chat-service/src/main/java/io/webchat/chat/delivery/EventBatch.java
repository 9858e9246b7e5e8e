package io.webchat.chat.delivery;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

@Schema(description = "What a long poll returns")
public record EventBatch(
		@Schema(description = "Acknowledge it by passing it as `ack` to the next poll; until then every poll returns "
				+ "this same batch. Absent when the batch is empty.", example = "17") String batchId,
		@Schema(description = "Events, oldest first: {\"type\":\"message\",\"message\":{…}}, "
				+ "{\"type\":\"read\",\"conversation\":\"single:2\"}, {\"type\":\"presence\",\"userId\":2,\"online\":true}") List<JsonNode> events,
		@Schema(description = "True when events were dropped because this client fell too far behind: reload unread "
				+ "counts, presence and the open conversations' history, then keep polling, acknowledging this batch") boolean resync) {

	static EventBatch empty() {
		return new EventBatch(null, List.of(), false);
	}

	/** A resync is acknowledged like any batch, so that a lost answer cannot hide it. */
	static EventBatch resyncNeeded(String batchId) {
		return new EventBatch(batchId, List.of(), true);
	}
}
