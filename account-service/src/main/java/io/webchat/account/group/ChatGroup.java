package io.webchat.account.group;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A group chat (the seed's {@code WebGroup}): name, brief, owner and a bound on its size. */
@Entity
@Table(name = "chat_groups")
public class ChatGroup {

	/** The database's {@code ck_chat_groups_max_members} holds the same bounds. */
	public static final int SMALLEST_MAX_MEMBERS = 2;

	public static final int LARGEST_MAX_MEMBERS = 2000;

	public static final int DEFAULT_MAX_MEMBERS = 200;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String brief;

	private long ownerId;

	private int maxMembers;

	/** Guards edits of the group's own fields (name, brief, owner) against lost updates. */
	@Version
	private long version;

	private Instant createdAt;

	protected ChatGroup() {
	}

	ChatGroup(String name, String brief, long ownerId, int maxMembers, Instant createdAt) {
		this.name = name;
		this.brief = brief;
		this.ownerId = ownerId;
		this.maxMembers = maxMembers;
		this.createdAt = createdAt;
	}

	void rename(String name) {
		this.name = name;
	}

	void describe(String brief) {
		this.brief = brief;
	}

	void limitMembersTo(int maxMembers) {
		this.maxMembers = maxMembers;
	}

	void transferOwnershipTo(long userId) {
		this.ownerId = userId;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getBrief() {
		return this.brief;
	}

	public long getOwnerId() {
		return this.ownerId;
	}

	public int getMaxMembers() {
		return this.maxMembers;
	}
}
