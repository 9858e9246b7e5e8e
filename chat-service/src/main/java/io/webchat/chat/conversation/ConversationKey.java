package io.webchat.chat.conversation;

import io.webchat.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A conversation: two friends, or a group. Clients name it from their own side —
 * {@code single:<the other user's id>} or {@code group:<group id>} — while Redis stores it under
 * one name for both sides ({@code single:<smaller id>:<larger id>}).
 */
public record ConversationKey(MessageType type, long firstId, long secondId) {

	public static ConversationKey single(long oneUserId, long otherUserId) {
		return new ConversationKey(MessageType.SINGLE, Math.min(oneUserId, otherUserId), Math.max(oneUserId, otherUserId));
	}

	public static ConversationKey group(long groupId) {
		return new ConversationKey(MessageType.GROUP, groupId, 0);
	}

	/** The conversation a message from {@code senderId} to {@code to} belongs to. */
	public static ConversationKey of(MessageType type, long senderId, long to) {
		return (type == MessageType.SINGLE) ? single(senderId, to) : group(to);
	}

	/** Parses the name a client uses, {@code single:2} or {@code group:7}, as seen by {@code viewerId}. */
	public static ConversationKey parse(String clientName, long viewerId) {
		int colon = clientName.indexOf(':');
		if (colon > 0) {
			String kind = clientName.substring(0, colon);
			try {
				long id = Long.parseLong(clientName.substring(colon + 1));
				if (id > 0 && kind.equals("single")) {
					return single(viewerId, id);
				}
				if (id > 0 && kind.equals("group")) {
					return group(id);
				}
			}
			catch (NumberFormatException ex) {
				// falls through to the refusal
			}
		}
		throw new ApiProblem(HttpStatus.BAD_REQUEST, "bad-conversation",
				"A conversation is named single:<user id> or group:<group id>, not '" + clientName + "'.");
	}

	/** The name {@code viewerId} knows this conversation by. */
	public String nameFor(long viewerId) {
		if (this.type == MessageType.GROUP) {
			return "group:" + this.firstId;
		}
		return "single:" + ((viewerId == this.firstId) ? this.secondId : this.firstId);
	}

	/** The name both sides share in Redis keys. */
	public String storageId() {
		return (this.type == MessageType.GROUP) ? "group:" + this.firstId : "single:" + this.firstId + ":" + this.secondId;
	}

	public boolean isGroup() {
		return this.type == MessageType.GROUP;
	}
}
