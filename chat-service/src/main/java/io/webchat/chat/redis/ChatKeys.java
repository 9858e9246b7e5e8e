package io.webchat.chat.redis;


/**
 * Every Redis key chat-service uses. Keys that one command or script touches together share a
 * hash tag — a user's keys carry {@code {user:<id>}}, a conversation's carry its own tag — so
 * the layout works unchanged on Redis Cluster. account-service writes the
 * {@code relations:{user:<id>}:friends} and {@code relations:{group:<id>}:members} sets.
 */
public final class ChatKeys {

	/** Global message id counter: ids increase across all conversations. */
	public static final String MESSAGE_ID = "chat:message-id";

	/** Who is online: user id → last time one of their clients polled (epoch ms). */
	public static final String PRESENCE = "chat:presence";

	/**
	 * The stream account-service appends its events for open pages to (fields {@code users}, the
	 * comma-separated ids to tell, and {@code event}, the JSON to deliver); touched alone.
	 */
	public static final String ACCOUNT_EVENTS = "account:events";

	private ChatKeys() {
	}

	public static String friends(long userId) {
		return "relations:{user:" + userId + "}:friends";
	}

	public static String groupMembers(long groupId) {
		return "relations:{group:" + groupId + "}:members";
	}

	/** The user's live clients (browser tabs, devices): client id → last poll (epoch ms). */
	public static String clients(long userId) {
		return "chat:{user:" + userId + "}:clients";
	}

	/** Unread count per conversation of the user: conversation id → count. */
	public static String unread(long userId) {
		return "chat:{user:" + userId + "}:unread";
	}

	/**
	 * Prefix of one client's keys: {@code inbox}, {@code pending}, {@code batch}, {@code batches},
	 * {@code overflow}, {@code parked}.
	 */
	public static String clientPrefix(long userId) {
		return "chat:{user:" + userId + "}:client:";
	}

	public static String clientKey(long userId, String clientId, String part) {
		return clientPrefix(userId) + clientId + ":" + part;
	}

	/**
	 * The list one chat instance blocks on: ids of the clients whose waiting polls it should
	 * answer. Its own key (no hash tag): only single-key commands touch it.
	 */
	public static String wakeList(String instanceId) {
		return "chat:wake:" + instanceId;
	}

	/** How many messages the user sent in the current rate-limit window. */
	public static String sendCount(long userId) {
		return "chat:{user:" + userId + "}:sends";
	}

	/**
	 * The next {@code seq} of a conversation.
	 * @param conversation its storage id, {@code single:<low>:<high>} or {@code group:<id>}
	 */
	public static String sequence(String conversation) {
		return "chat:{" + conversation + "}:seq";
	}

	public static String history(String conversation) {
		return "chat:{" + conversation + "}:history";
	}

	/** A sent message remembered by its sender's client message id, so a retried send is stored once. */
	public static String sent(String conversation, long senderId, String clientMessageId) {
		return "chat:{" + conversation + "}:sent:" + senderId + ":" + clientMessageId;
	}
}
