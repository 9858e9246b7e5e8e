package io.webchat.account.user;

/**
 * Published inside the transaction that changed a user's password, for whatever in this service
 * must follow a password change. The gateway needs no event: it ends every session of the user
 * when {@code PUT /api/accounts/me/password} answers 2xx (see docs/identity.md).
 */
public record PasswordChanged(long userId) {
}
