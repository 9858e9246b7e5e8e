package io.webchat.account.user;

import java.time.Clock;
import java.util.Optional;

import io.webchat.account.system.AccountProblem;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserAccountService {

	private final UserAccountRepository users;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/**
	 * Compared against when the username is unknown, so that a login for a missing user costs as
	 * much as one for a real user and the answer time does not reveal which usernames exist.
	 */
	private final String unknownUserHash;

	UserAccountService(UserAccountRepository users, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
			Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.clock = clock;
		this.unknownUserHash = passwordEncoder.encode("no such user, no such password");
	}

	@Transactional
	public UserAccount register(RegistrationRequest request) {
		String username = request.username().strip();
		if (this.users.existsByUsernameKey(UserAccount.usernameKey(username))) {
			throw usernameTaken(username);
		}
		UserAccount user = new UserAccount(username, request.displayName().strip(),
				this.passwordEncoder.encode(request.password()), this.clock.instant());
		try {
			return this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// Two registrations raced past the check above; the unique key decided.
			throw usernameTaken(username);
		}
	}

	@Transactional(readOnly = true)
	public UserAccount get(long id) {
		return this.users.findById(id)
			.orElseThrow(() -> AccountProblem.USER_NOT_FOUND.withDetail("No user with id " + id + "."));
	}

	/** Refuses with 404 unless the user exists, for actions that name another user. */
	@Transactional(readOnly = true)
	public void requireExists(long id) {
		if (!this.users.existsById(id)) {
			throw AccountProblem.USER_NOT_FOUND.withDetail("No user with id " + id + ".");
		}
	}

	@Transactional
	public UserAccount changeDisplayName(long userId, String displayName) {
		UserAccount user = get(userId);
		user.changeDisplayName(displayName.strip());
		return user;
	}

	/**
	 * Needs the current password, so that a session left open on a shared computer cannot lock
	 * its owner out.
	 */
	@Transactional
	public void changePassword(long userId, String currentPassword, String newPassword) {
		UserAccount user = get(userId);
		if (!this.passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
			throw AccountProblem.CURRENT_PASSWORD_WRONG.withDetail("The current password is not right.");
		}
		user.changePasswordHash(this.passwordEncoder.encode(newPassword));
		this.events.publishEvent(new PasswordChanged(userId));
	}

	/** Users whose username or display name starts with {@code query}, ignoring case; never the searcher. */
	@Transactional(readOnly = true)
	public Page<UserAccount> search(String query, long searcherId, Pageable pageable) {
		return this.users.findByPrefix(query.strip(), searcherId, pageable);
	}

	@Transactional(readOnly = true)
	public Optional<UserAccount> checkCredentials(String username, String password) {
		String key = UserAccount.usernameKey(username.strip());
		// exactly this name: MySQL's accent-insensitive collation would also find "kate" for "käte"
		Optional<UserAccount> user = this.users.findByUsernameKey(key)
			.filter((found) -> UserAccount.usernameKey(found.getUsername()).equals(key));
		String hash = user.map(UserAccount::getPasswordHash).orElse(this.unknownUserHash);
		boolean matches = this.passwordEncoder.matches(password, hash);
		return matches ? user : Optional.empty();
	}

	private static RuntimeException usernameTaken(String username) {
		return AccountProblem.USERNAME_TAKEN.withDetail("The username '" + username + "' is already taken.");
	}
}
