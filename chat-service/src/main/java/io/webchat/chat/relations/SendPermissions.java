package io.webchat.chat.relations;

import java.util.List;

import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.problem.ApiProblem;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decides who receives a message, or refuses it. Reads account-service's read model, one Redis
 * command per send, so removing a friend or a member takes effect for the very next message.
 */
@Component
public class SendPermissions {

	private final ChatRedis redis;

	SendPermissions(ChatRedis redis) {
		this.redis = redis;
	}

	/** The one recipient of a message to a friend. */
	public Mono<List<Long>> friendRecipient(long senderId, long friendId) {
		return Mono
			.fromCompletionStage(() -> this.redis.async().sismember(ChatKeys.friends(senderId), Long.toString(friendId)))
			.map((friends) -> {
				if (!friends) {
					throw new ApiProblem(HttpStatus.FORBIDDEN, "not-a-friend",
							"You can only send messages to your friends; user " + friendId + " is not one.");
				}
				return List.of(friendId);
			});
	}

	/** Every other member of the sender's group. */
	public Mono<List<Long>> groupRecipients(long senderId, long groupId) {
		return Mono.fromCompletionStage(() -> this.redis.async().smembers(ChatKeys.groupMembers(groupId)))
			.map((members) -> {
				if (!members.contains(Long.toString(senderId))) {
					throw new ApiProblem(HttpStatus.FORBIDDEN, "not-a-group-member",
							"You can only send messages to groups you are a member of.");
				}
				return members.stream().map(Long::valueOf).filter((id) -> id != senderId).toList();
			});
	}

	/** Group history is for members; to anyone else the group does not exist. */
	public Mono<Void> requireGroupMember(long userId, long groupId) {
		return Mono
			.fromCompletionStage(() -> this.redis.async().sismember(ChatKeys.groupMembers(groupId), Long.toString(userId)))
			.flatMap((member) -> member ? Mono.empty()
					: Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "conversation-not-found",
							"No group " + groupId + " that you are a member of.")));
	}
}
