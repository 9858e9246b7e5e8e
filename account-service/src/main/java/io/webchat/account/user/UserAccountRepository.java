package io.webchat.account.user;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

	Optional<UserAccount> findByUsernameKey(String usernameKey);

	boolean existsByUsernameKey(String usernameKey);
}
