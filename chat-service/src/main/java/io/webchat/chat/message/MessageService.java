package io.webchat.chat.message;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.lettuce.core.api.StatefulRedisConnection;
import io.webchat.chat.inbox.InboxRepository;
import io.webchat.chat.relations.SendPermissions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

@Service
class MessageService {

	static final String MESSAGE_ID_KEY = "chat:message-id";

	private final SendPermissions permissions;

	private final InboxRepository inboxes;

	private final StatefulRedisConnection<String, String> redis;

	private final JsonMapper json;

	private final Clock clock;

	MessageService(SendPermissions permissions, InboxRepository inboxes, StatefulRedisConnection<String, String> redis,
			JsonMapper json, Clock clock) {
		this.permissions = permissions;
		this.inboxes = inboxes;
		this.redis = redis;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Checks the sender may write to {@code to}, stamps the message with a server id, the
	 * sender and the time, and puts it into every recipient's inbox.
	 */
	ChatMessage send(long senderId, SendMessageRequest request) {
		List<Long> recipients = switch (request.type()) {
			case SINGLE -> this.permissions.friendRecipient(senderId, request.to());
			case GROUP -> this.permissions.groupRecipients(senderId, request.to());
		};
		long id = this.redis.sync().incr(MESSAGE_ID_KEY);
		ChatMessage message = new ChatMessage(id, senderId, request.to(), request.type(), request.msg(),
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		if (!recipients.isEmpty()) {
			this.inboxes.deliver(recipients, this.json.writeValueAsString(message));
		}
		return message;
	}
}
