package io.webchat.account.group;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

@Entity
@Table(name = "group_members")
public class GroupMember {

	@EmbeddedId
	private Key key;

	@Enumerated(EnumType.STRING)
	private StoredRole role;

	private Instant joinedAt;

	protected GroupMember() {
	}

	GroupMember(long groupId, long userId, StoredRole role, Instant joinedAt) {
		this.key = new Key(groupId, userId);
		this.role = role;
		this.joinedAt = joinedAt;
	}

	public long getGroupId() {
		return this.key.groupId;
	}

	public long getUserId() {
		return this.key.userId;
	}

	StoredRole getRole() {
		return this.role;
	}

	void changeRole(StoredRole role) {
		this.role = role;
	}

	/** The roles kept in the table; ownership is {@code chat_groups.owner_id}. */
	enum StoredRole {

		ADMIN, MEMBER

	}

	@Embeddable
	public record Key(long groupId, long userId) implements Serializable {
	}
}
