package io.webchat.account.friendship;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A symmetric friendship, stored once per pair with the smaller id first; the table's unique
 * key and check constraint make a duplicate or one-sided friendship impossible.
 */
@Entity
@Table(name = "friendships")
public class Friendship {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long userLowId;

	private long userHighId;

	private Instant createdAt;

	protected Friendship() {
	}

	Friendship(long oneUserId, long otherUserId, Instant createdAt) {
		if (oneUserId == otherUserId) {
			throw new IllegalArgumentException("A user cannot befriend themselves");
		}
		this.userLowId = Math.min(oneUserId, otherUserId);
		this.userHighId = Math.max(oneUserId, otherUserId);
		this.createdAt = createdAt;
	}

	public long getUserLowId() {
		return this.userLowId;
	}

	public long getUserHighId() {
		return this.userHighId;
	}
}
