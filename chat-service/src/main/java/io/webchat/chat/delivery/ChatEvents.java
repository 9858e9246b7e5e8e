package io.webchat.chat.delivery;

/**
 * The events a client's long poll returns, as JSON. They are built as text once per send and
 * pushed into many inboxes, so each is written out here by hand from trusted parts: the stored
 * message's own JSON, numbers and conversation names the server made.
 */
public final class ChatEvents {

	private ChatEvents() {
	}

	/** A new message; {@code messageJson} is the stored message. */
	public static String message(String messageJson) {
		return "{\"type\":\"message\",\"message\":" + messageJson + "}";
	}

	/** The user read a conversation on one of their clients: the others clear its badge. */
	public static String read(String conversationName) {
		return "{\"type\":\"read\",\"conversation\":\"" + conversationName + "\"}";
	}

	/** A friend came online or went offline. */
	public static String presence(long userId, boolean online) {
		return "{\"type\":\"presence\",\"userId\":" + userId + ",\"online\":" + online + "}";
	}
}
