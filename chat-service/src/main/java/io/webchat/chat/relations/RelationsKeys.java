package io.webchat.chat.relations;

/**
 * Keys of the read model that account-service keeps in Redis (its {@code RelationsReadModel});
 * the two must agree, and docs/delivery.md records the layout.
 */
final class RelationsKeys {

	private RelationsKeys() {
	}

	static String friendsKey(long userId) {
		return "relations:{user:" + userId + "}:friends";
	}

	static String groupMembersKey(long groupId) {
		return "relations:{group:" + groupId + "}:members";
	}
}
