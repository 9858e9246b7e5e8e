package io.webchat.account.system;

import io.webchat.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * Every refusal this service answers with: its status, its stable problem type (clients branch on
 * {@code urn:webchat:problem:<type>}) and when it happens. The same list feeds the code that
 * refuses and the OpenAPI responses ({@link Refusals}), so the two cannot drift apart.
 */
public enum AccountProblem {

	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "validation", "A field or parameter is invalid; `errors` lists each one."),

	USER_NOT_FOUND(HttpStatus.NOT_FOUND, "user-not-found", "No user has this id."),

	USERNAME_TAKEN(HttpStatus.CONFLICT, "username-taken", "The username is taken (usernames ignore case)."),

	CURRENT_PASSWORD_WRONG(HttpStatus.FORBIDDEN, "current-password-wrong", "The current password given is not right."),

	BAD_CREDENTIALS(HttpStatus.UNAUTHORIZED, "bad-credentials", "The username or password is wrong."),

	FRIEND_REQUEST_TO_SELF(HttpStatus.BAD_REQUEST, "friend-request-to-self", "Nobody can send a friend request to themselves."),

	ALREADY_FRIENDS(HttpStatus.CONFLICT, "already-friends", "The two users are friends already."),

	FRIEND_REQUEST_PENDING(HttpStatus.CONFLICT, "friend-request-pending", "I have already asked this user; the request is pending."),

	FRIEND_REQUEST_NOT_FOUND(HttpStatus.NOT_FOUND, "friend-request-not-found",
			"No pending friend request with this id that I sent or received."),

	NOT_THE_ADDRESSEE(HttpStatus.FORBIDDEN, "not-the-addressee", "Only the user a request was sent to may accept it."),

	FRIEND_NOT_FOUND(HttpStatus.NOT_FOUND, "friend-not-found", "This user is not my friend."),

	GROUP_NOT_FOUND(HttpStatus.NOT_FOUND, "group-not-found",
			"No such group, or I am not a member (a group is invisible to non-members)."),

	MEMBER_NOT_FOUND(HttpStatus.NOT_FOUND, "member-not-found", "This user is not a member of the group."),

	GROUP_ADMIN_REQUIRED(HttpStatus.FORBIDDEN, "group-admin-required", "Only the group's owner and admins may do this."),

	GROUP_OWNER_REQUIRED(HttpStatus.FORBIDDEN, "group-owner-required", "Only the group's owner may do this."),

	GROUP_FULL(HttpStatus.CONFLICT, "group-full", "The group already has its maximum number of members."),

	ALREADY_A_MEMBER(HttpStatus.CONFLICT, "already-a-member", "The user is a member of the group already."),

	OWNER_CANNOT_LEAVE(HttpStatus.CONFLICT, "owner-cannot-leave",
			"The owner cannot leave; transfer ownership first, or delete the group."),

	OWNER_ROLE_FIXED(HttpStatus.CONFLICT, "owner-role-fixed",
			"The owner can be neither removed nor made an admin; ownership changes only by transfer."),

	MAX_MEMBERS_BELOW_MEMBER_COUNT(HttpStatus.CONFLICT, "max-members-below-member-count",
			"The group has more members than the new maximum."),

	CONCURRENT_UPDATE(HttpStatus.CONFLICT, "concurrent-update",
			"Another request changed the same data at the same moment; read it again and retry."),

	ACCOUNTS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "accounts-unavailable",
			"The database cannot be reached right now; nothing was changed. Retry after Retry-After seconds.");

	private static final String TYPE_PREFIX = "urn:webchat:problem:";

	private final HttpStatus status;

	private final String type;

	private final String when;

	AccountProblem(HttpStatus status, String type, String when) {
		this.status = status;
		this.type = type;
		this.when = when;
	}

	/** The refusal as an exception that Spring MVC renders as {@code application/problem+json}. */
	public ApiProblem withDetail(String detail) {
		return new ApiProblem(this.status, this.type, detail);
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The short type name, e.g. {@code group-full}. */
	public String type() {
		return this.type;
	}

	/** The full problem type URI as it appears in the answer. */
	public String typeUri() {
		return TYPE_PREFIX + this.type;
	}

	/** When this refusal happens, for the API documentation. */
	public String when() {
		return this.when;
	}
}
