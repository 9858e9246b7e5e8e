package io.webchat.chat.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.webchat.chat.message.ChatMessage;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

@Service
class LongPollService {

	private final InboxRepository inboxes;

	private final BlockingInboxReader blockingReader;

	private final LongPollProperties properties;

	private final JsonMapper json;

	LongPollService(InboxRepository inboxes, BlockingInboxReader blockingReader, LongPollProperties properties,
			JsonMapper json) {
		this.inboxes = inboxes;
		this.blockingReader = blockingReader;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * Answers at once with whatever waits; otherwise blocks in BLPOP until a message arrives or
	 * the timeout passes, then takes whatever else arrived with it.
	 */
	InboxBatch poll(long userId, Duration timeout) {
		int max = this.properties.maxBatch();
		List<String> waiting = this.inboxes.popWaiting(userId, max);
		if (waiting.isEmpty() && !timeout.isZero()) {
			Optional<String> first = this.blockingReader.blockingPop(InboxRepository.inboxKey(userId), timeout);
			if (first.isPresent()) {
				waiting = new ArrayList<>(max);
				waiting.add(first.get());
				if (max > 1) {
					waiting.addAll(this.inboxes.popWaiting(userId, max - 1));
				}
			}
		}
		return new InboxBatch(waiting.stream().map((message) -> this.json.readValue(message, ChatMessage.class)).toList());
	}
}
