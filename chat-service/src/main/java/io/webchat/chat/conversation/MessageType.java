package io.webchat.chat.conversation;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether {@code to} names a user (a friend) or a group. */
public enum MessageType {

	SINGLE("single"), GROUP("group");

	private final String wireName;

	MessageType(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}
}
