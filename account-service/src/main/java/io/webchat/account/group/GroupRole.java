package io.webchat.account.group;

/** A member's role as clients see it. */
public enum GroupRole {

	OWNER, ADMIN, MEMBER

}
