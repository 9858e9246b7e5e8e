package io.webchat.chat.relations;

import java.util.List;
import java.util.Set;

import io.lettuce.core.api.StatefulRedisConnection;
import io.webchat.problem.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decides who receives a message, or refuses it. Reads account-service's read model, one Redis
 * command per send, so removing a friend or a member takes effect for the very next message.
 */
@Component
public class SendPermissions {

	private final StatefulRedisConnection<String, String> redis;

	SendPermissions(StatefulRedisConnection<String, String> redis) {
		this.redis = redis;
	}

	/** The one recipient of a message to a friend. */
	public List<Long> friendRecipient(long senderId, long friendId) {
		if (!this.redis.sync().sismember(RelationsKeys.friendsKey(senderId), Long.toString(friendId))) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "not-a-friend",
					"You can only send messages to your friends; user " + friendId + " is not one.");
		}
		return List.of(friendId);
	}

	/** Every other member of the sender's group. */
	public List<Long> groupRecipients(long senderId, long groupId) {
		Set<String> members = this.redis.sync().smembers(RelationsKeys.groupMembersKey(groupId));
		if (!members.contains(Long.toString(senderId))) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "not-a-group-member",
					"You can only send messages to groups you are a member of.");
		}
		return members.stream().map(Long::valueOf).filter((id) -> id != senderId).toList();
	}
}
