package io.webchat.account.user;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who can log in and chat. The password is kept only as a hash. */
@Entity
@Table(name = "users")
public class UserAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	@Column(name = "username_key")
	private String usernameKey;

	private String displayName;

	private String passwordHash;

	private Instant createdAt;

	protected UserAccount() {
	}

	public UserAccount(String username, String displayName, String passwordHash, Instant createdAt) {
		this.username = username;
		this.usernameKey = usernameKey(username);
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.createdAt = createdAt;
	}

	/** Usernames are unique without regard to case; this is the form the unique key holds. */
	public static String usernameKey(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	public void changeDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}
}
