package io.webchat.chat.message;

import io.webchat.problem.ApiProblem;

/** What a message's text may contain: any script and emoji, line breaks and tabs, no other control characters. */
final class MessageText {

	private MessageText() {
	}

	static void check(String text, int maxLength) {
		int length = text.codePointCount(0, text.length());
		if (length > maxLength) {
			throw ApiProblem.invalidField("msg", "must be at most " + maxLength + " characters, was " + length);
		}
		boolean controlCharacter = text.codePoints()
			.anyMatch((c) -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t');
		if (controlCharacter) {
			throw ApiProblem.invalidField("msg", "must not contain control characters other than line breaks and tabs");
		}
	}
}
