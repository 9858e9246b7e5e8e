package io.webchat.account.friendship;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A pending request from one user to another to become friends. The ordered pair beside the
 * requester and addressee lets the database keep one pending request per pair, either way round.
 */
@Entity
@Table(name = "friend_requests")
public class FriendRequest {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long requesterId;

	private long addresseeId;

	private long userLowId;

	private long userHighId;

	private Instant createdAt;

	protected FriendRequest() {
	}

	FriendRequest(long requesterId, long addresseeId, Instant createdAt) {
		if (requesterId == addresseeId) {
			throw new IllegalArgumentException("A user cannot ask themselves to be friends");
		}
		this.requesterId = requesterId;
		this.addresseeId = addresseeId;
		this.userLowId = Math.min(requesterId, addresseeId);
		this.userHighId = Math.max(requesterId, addresseeId);
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public long getRequesterId() {
		return this.requesterId;
	}

	public long getAddresseeId() {
		return this.addresseeId;
	}

	/** Whether the user sent or received this request, the only users who may see it. */
	boolean concerns(long userId) {
		return this.requesterId == userId || this.addresseeId == userId;
	}
}
