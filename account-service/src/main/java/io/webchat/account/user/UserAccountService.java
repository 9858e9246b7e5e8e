package io.webchat.account.user;

import java.time.Clock;
import java.util.Optional;

import io.webchat.problem.ApiProblem;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserAccountService {

	private final UserAccountRepository users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	/**
	 * Compared against when the username is unknown, so that a login for a missing user costs as
	 * much as one for a real user and the answer time does not reveal which usernames exist.
	 */
	private final String unknownUserHash;

	UserAccountService(UserAccountRepository users, PasswordEncoder passwordEncoder, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.unknownUserHash = passwordEncoder.encode("no such user, no such password");
	}

	@Transactional
	public UserAccount register(RegistrationRequest request) {
		String username = request.username().strip();
		if (this.users.existsByUsernameKey(UserAccount.usernameKey(username))) {
			throw new UsernameTakenException(username);
		}
		UserAccount user = new UserAccount(username, request.displayName().strip(),
				this.passwordEncoder.encode(request.password()), this.clock.instant());
		try {
			return this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// Two registrations raced past the check above; the unique key decided.
			throw new UsernameTakenException(username);
		}
	}

	@Transactional(readOnly = true)
	public UserAccount get(long id) {
		return this.users.findById(id)
			.orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "user-not-found", "No user with id " + id + "."));
	}

	@Transactional(readOnly = true)
	public Optional<UserAccount> checkCredentials(String username, String password) {
		Optional<UserAccount> user = this.users.findByUsernameKey(UserAccount.usernameKey(username.strip()));
		String hash = user.map(UserAccount::getPasswordHash).orElse(this.unknownUserHash);
		boolean matches = this.passwordEncoder.matches(password, hash);
		return matches ? user : Optional.empty();
	}
}
