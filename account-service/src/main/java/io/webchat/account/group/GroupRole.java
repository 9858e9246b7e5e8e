package io.webchat.account.group;

/** A member's role as clients see it, from the most rights to the fewest. */
public enum GroupRole {

	OWNER, ADMIN, MEMBER;

	/** Whether this role may do what {@code required} may do. */
	boolean atLeast(GroupRole required) {
		return ordinal() <= required.ordinal();
	}

}
