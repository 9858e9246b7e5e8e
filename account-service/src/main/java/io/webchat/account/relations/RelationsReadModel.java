package io.webchat.account.relations;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The copy of "who may message whom" that chat-service reads on every send, so that a message
 * costs a Redis lookup instead of a database query. Its key layout is the contract between the
 * two services (see docs/delivery.md): a set of friend ids per user and a set of member ids per
 * group. The id sits in a hash tag, so a set and its rebuild copy share a Redis Cluster slot.
 */
@Component
public class RelationsReadModel {

	private final StringRedisTemplate redis;

	RelationsReadModel(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public static String friendsKey(long userId) {
		return "relations:{user:" + userId + "}:friends";
	}

	public static String groupMembersKey(long groupId) {
		return "relations:{group:" + groupId + "}:members";
	}

	void friendshipChanged(long userId, long otherUserId, boolean friends) {
		if (friends) {
			this.redis.opsForSet().add(friendsKey(userId), Long.toString(otherUserId));
			this.redis.opsForSet().add(friendsKey(otherUserId), Long.toString(userId));
		}
		else {
			this.redis.opsForSet().remove(friendsKey(userId), Long.toString(otherUserId));
			this.redis.opsForSet().remove(friendsKey(otherUserId), Long.toString(userId));
		}
	}

	void membershipChanged(long groupId, long userId, boolean member) {
		if (member) {
			this.redis.opsForSet().add(groupMembersKey(groupId), Long.toString(userId));
		}
		else {
			this.redis.opsForSet().remove(groupMembersKey(groupId), Long.toString(userId));
		}
	}

	/**
	 * Replaces every set with the database's truth and drops the sets the database no longer
	 * has. Each set is written under a staging name and moved into place with one RENAME, so a
	 * reader never sees it empty or half-written.
	 */
	void replaceAll(Map<Long, ? extends Collection<Long>> friendsByUser,
			Map<Long, ? extends Collection<Long>> membersByGroup) {
		replace("relations:{user:*}:friends", RelationsReadModel::friendsKey, friendsByUser);
		replace("relations:{group:*}:members", RelationsReadModel::groupMembersKey, membersByGroup);
	}

	private void replace(String pattern, LongFunction<String> keyOf, Map<Long, ? extends Collection<Long>> setsById) {
		Set<String> stale = existingKeys(pattern);
		setsById.forEach((id, values) -> {
			String key = keyOf.apply(id);
			stale.remove(key);
			if (values.isEmpty()) {
				this.redis.delete(key);
				return;
			}
			String staging = key + ":rebuild";
			this.redis.delete(staging);
			this.redis.opsForSet().add(staging, values.stream().map(String::valueOf).toArray(String[]::new));
			this.redis.rename(staging, key);
		});
		if (!stale.isEmpty()) {
			this.redis.delete(List.copyOf(stale));
		}
	}

	private Set<String> existingKeys(String pattern) {
		Set<String> keys = new HashSet<>();
		try (Cursor<String> cursor = this.redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}
}
