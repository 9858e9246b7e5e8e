package io.webchat.account.user;

import java.util.Locale;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

	Optional<UserAccount> findByUsernameKey(String usernameKey);

	boolean existsByUsernameKey(String usernameKey);

	/**
	 * Users whose username or display name starts with {@code prefix}, ignoring case, other than
	 * {@code excludedUserId}, by username. '%' and '_' in the prefix match only themselves.
	 */
	default Page<UserAccount> findByPrefix(String prefix, long excludedUserId, Pageable pageable) {
		String literal = prefix.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
		return findByLikePattern(literal + "%", excludedUserId, pageable);
	}

	/**
	 * The escape character is '!' rather than a backslash, which MySQL would read as a string
	 * escape. lower() on the display name keeps H2 case-insensitive like MySQL's collations; it
	 * costs the index, which a prefix search of a chat's users can afford.
	 */
	@Query("""
			select u from UserAccount u
			where u.id <> :excludedUserId
			and (u.usernameKey like :pattern escape '!' or lower(u.displayName) like :pattern escape '!')
			order by u.usernameKey
			""")
	Page<UserAccount> findByLikePattern(String pattern, long excludedUserId, Pageable pageable);
}
