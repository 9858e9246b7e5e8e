package io.webchat.account.pageevents;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.webchat.account.friendship.FriendRequestChanged;
import io.webchat.account.friendship.FriendshipChanged;
import io.webchat.account.group.GroupChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the open pages of the users a committed change concerns, by appending an event to the
 * {@value #STREAM} Redis stream that every chat-service instance reads and delivers into those
 * users' inboxes (docs/delivery.md, "Account events"). Only after the commit, as the relations
 * read model is written: a page is never told of a change that was rolled back.
 * <p>
 * A failed append is logged, not thrown: the change is committed and its caller must hear so.
 * The event is lost, but no page is left wrong for long: pages read their lists again from the
 * APIs whenever their connection comes back, and a Redis that refuses this append refuses their
 * polls too.
 */
@Component
class AccountEventPublisher {

	/** The stream's key; the contract with chat-service, like the read model's keys. */
	static final String STREAM = "account:events";

	/**
	 * The stream keeps about this many entries, delivered or not: chat-service deletes each entry
	 * it has delivered, so only a stream nobody reads (chat-service down for long) reaches it.
	 */
	static final long MAX_LENGTH = 100_000;

	private static final Logger logger = LoggerFactory.getLogger(AccountEventPublisher.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	AccountEventPublisher(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	@TransactionalEventListener
	void on(FriendRequestChanged change) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "friendRequest");
		event.put("change", lowerCamel(change.change().name()));
		event.put("requestId", change.requestId());
		event.put("from", change.requesterId());
		event.put("to", change.addresseeId());
		publish(event, List.of(change.requesterId(), change.addresseeId()));
	}

	@TransactionalEventListener
	void on(FriendshipChanged change) {
		publish(friendship(change.otherUserId(), change.friends()), List.of(change.userId()));
		publish(friendship(change.userId(), change.friends()), List.of(change.otherUserId()));
	}

	@TransactionalEventListener
	void on(GroupChanged change) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "group");
		event.put("groupId", change.groupId());
		event.put("change", lowerCamel(change.change().name()));
		if (change.userId() != 0) {
			event.put("userId", change.userId());
		}
		publish(event, change.concerned());
	}

	private static Map<String, Object> friendship(long friendId, boolean friends) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "friendship");
		event.put("userId", friendId);
		event.put("friends", friends);
		return event;
	}

	private void publish(Map<String, Object> event, Collection<Long> userIds) {
		if (userIds.isEmpty()) {
			return;
		}
		String users = userIds.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
		String text = this.json.writeValueAsString(event);
		try {
			this.redis.opsForStream()
				.add(STREAM, Map.of("users", users, "event", text),
						XAddOptions.maxlen(MAX_LENGTH).approximateTrimming(true));
		}
		catch (RuntimeException ex) {
			logger.warn("Committed, but could not tell the pages of users {}: {} ({})", users, text, ex.toString());
		}
	}

	/** {@code MEMBER_ADDED} → {@code memberAdded}. */
	private static String lowerCamel(String constant) {
		StringBuilder name = new StringBuilder();
		for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
			name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
		}
		return name.toString();
	}
}
