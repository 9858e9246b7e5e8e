package io.webchat.chat.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.webchat.chat.delivery.ChatEvents;
import io.webchat.chat.delivery.EventDelivery;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.chat.relations.SendPermissions;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/** History, read markers and unread counts of the conversations a user is part of. */
@Service
class ConversationService {

	private final ChatRedis redis;

	private final SendPermissions permissions;

	private final EventDelivery delivery;

	private final ConversationProperties properties;

	private final JsonMapper json;

	ConversationService(ChatRedis redis, SendPermissions permissions, EventDelivery delivery,
			ConversationProperties properties, JsonMapper json) {
		this.redis = redis;
		this.permissions = permissions;
		this.delivery = delivery;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * The newest messages before {@code beforeSeq} (or the newest of all), oldest first. A user
	 * reads only conversations they are in: a one-to-one conversation is named from the reader's
	 * side, so it always includes them; a group's history is for its members.
	 */
	Mono<HistoryPage> history(long userId, String conversationName, Long beforeSeq, Integer pageSize) {
		return Mono.defer(() -> {
			ConversationKey conversation = ConversationKey.parse(conversationName, userId);
			Mono<Void> allowed = conversation.isGroup()
					? this.permissions.requireGroupMember(userId, conversation.firstId()) : Mono.empty();
			int size = Math.min((pageSize != null) ? pageSize : this.properties.defaultPageSize(),
					this.properties.maxPageSize());
			Range<Double> range = Range.create(Double.NEGATIVE_INFINITY,
					(beforeSeq != null) ? beforeSeq - 1.0 : Double.POSITIVE_INFINITY);
			return allowed.then(Mono.fromCompletionStage(() -> this.redis.async()
				.zrevrangebyscore(ChatKeys.history(conversation.storageId()), range, Limit.create(0, size + 1))))
				.map((newestFirst) -> {
					boolean hasMore = newestFirst.size() > size;
					List<ChatMessage> messages = new ArrayList<>(newestFirst.subList(0, Math.min(size, newestFirst.size()))
						.stream()
						.map(this::parse)
						.toList());
					Collections.reverse(messages);
					return new HistoryPage(messages, hasMore);
				});
		});
	}

	/** Clears the conversation's unread count and tells the user's other clients to clear their badge. */
	Mono<Void> markRead(long userId, String conversationName) {
		return Mono.defer(() -> {
			ConversationKey conversation = ConversationKey.parse(conversationName, userId);
			String name = conversation.nameFor(userId);
			return Mono.fromCompletionStage(() -> this.redis.async().hdel(ChatKeys.unread(userId), name))
				.then(this.delivery.deliver(ChatEvents.read(name), List.of(userId)));
		});
	}

	Mono<Map<String, Long>> unread(long userId) {
		return Mono.fromCompletionStage(() -> this.redis.async().hgetall(ChatKeys.unread(userId))).map((stored) -> {
			Map<String, Long> counts = new TreeMap<>();
			stored.forEach((name, count) -> counts.put(name, Long.valueOf(count)));
			return counts;
		});
	}

	private ChatMessage parse(String stored) {
		return this.json.readValue(stored, ChatMessage.class);
	}
}
