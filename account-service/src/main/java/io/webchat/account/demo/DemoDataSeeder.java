package io.webchat.account.demo;

import java.util.ArrayList;
import java.util.List;

import io.webchat.account.friendship.FriendshipService;
import io.webchat.account.group.GroupService;
import io.webchat.account.user.RegistrationRequest;
import io.webchat.account.user.UserAccount;
import io.webchat.account.user.UserAccountRepository;
import io.webchat.account.user.UserAccountService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates three friends and their group so that a newcomer can chat at once. */
@Component
@Order(1)
@ConditionalOnBooleanProperty("webchat.demo-data.enabled")
class DemoDataSeeder implements ApplicationRunner {

	static final List<String> DEMO_USERNAMES = List.of("alice", "bob", "carol");

	private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

	private final UserAccountRepository users;

	private final UserAccountService accounts;

	private final FriendshipService friendships;

	private final GroupService groups;

	DemoDataSeeder(UserAccountRepository users, UserAccountService accounts, FriendshipService friendships,
			GroupService groups) {
		this.users = users;
		this.accounts = accounts;
		this.friendships = friendships;
		this.groups = groups;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.existsByUsernameKey("alice")) {
			log.info("Demo users exist already");
			return;
		}
		List<Long> ids = new ArrayList<>();
		for (String username : DEMO_USERNAMES) {
			String displayName = Character.toUpperCase(username.charAt(0)) + username.substring(1);
			UserAccount user = this.accounts
				.register(new RegistrationRequest(username, displayName, username + "-secret"));
			ids.add(user.getId());
		}
		for (int i = 0; i < ids.size(); i++) {
			for (int j = i + 1; j < ids.size(); j++) {
				this.friendships.befriend(ids.get(i), ids.get(j));
			}
		}
		long groupId = this.groups.create(ids.get(0), "Demo group", "alice, bob and carol", 200).getId();
		ids.subList(1, ids.size()).forEach((id) -> this.groups.addMember(groupId, id));
		log.info("Created demo users {} (password: <username>-secret), their friendships and 'Demo group'",
				DEMO_USERNAMES);
	}
}
