package io.webchat.identity;

/** Names shared by the gateway, which writes identity tokens, and the services, which read them. */
public final class IdentityTokenClaims {

	/** Audience of the tokens forwarded to account-service. */
	public static final String ACCOUNT_SERVICE = "account-service";

	/** Audience of the tokens forwarded to chat-service. */
	public static final String CHAT_SERVICE = "chat-service";

	/** Scope of a token that acts for a logged-in user; its {@code sub} is the user's numeric id. */
	public static final String USER_SCOPE = "user";

	/** Scope of the gateway's own token that may ask account-service to check a password. */
	public static final String CREDENTIALS_CHECK_SCOPE = "credentials:check";

	/** Claim with the user's login name, for logs and Swagger UI; never used for authorization. */
	public static final String USERNAME = "preferred_username";

	private IdentityTokenClaims() {
	}
}
