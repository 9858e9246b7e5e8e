package io.webchat.account.pageevents;

import java.util.List;
import java.util.Map;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.friendship.FriendRequestOutcome;
import io.webchat.account.friendship.FriendRequestService;
import io.webchat.account.friendship.FriendshipService;
import io.webchat.account.group.GroupService;
import io.webchat.account.user.UserAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What chat-service finds in the account events stream after each committed change: the event for
 * the pages, and the users whose pages should get it.
 */
class AccountEventPublisherTests extends AccountServiceIntegrationTest {

	@Autowired
	FriendRequestService requests;

	@Autowired
	FriendshipService friendships;

	@Autowired
	GroupService groups;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void emptyStream() {
		this.redis.delete(AccountEventPublisher.STREAM);
	}

	@Test
	void aFriendRequestAndItsAcceptanceReachBothSides() {
		UserAccount alice = newUser("Alice");
		UserAccount bob = newUser("Bob");

		FriendRequestOutcome sent = this.requests.send(alice.getId(), bob.getId());
		long requestId = ((FriendRequestOutcome.Pending) sent).request().id();
		this.requests.accept(bob.getId(), requestId);

		assertThat(published()).containsExactly(
				entry(alice.getId() + "," + bob.getId(), """
						{"type":"friendRequest","change":"sent","requestId":%d,"from":%d,"to":%d}"""
					.formatted(requestId, alice.getId(), bob.getId())),
				entry(alice.getId() + "," + bob.getId(), """
						{"type":"friendRequest","change":"accepted","requestId":%d,"from":%d,"to":%d}"""
					.formatted(requestId, alice.getId(), bob.getId())),
				entry(bob.getId().toString(), """
						{"type":"friendship","userId":%d,"friends":true}""".formatted(alice.getId())),
				entry(alice.getId().toString(), """
						{"type":"friendship","userId":%d,"friends":true}""".formatted(bob.getId())));
	}

	@Test
	void decliningAndCancellingAreToldApart() {
		UserAccount alice = newUser("Alice");
		UserAccount bob = newUser("Bob");
		long first = ((FriendRequestOutcome.Pending) this.requests.send(alice.getId(), bob.getId())).request().id();
		this.requests.dismiss(bob.getId(), first);
		long second = ((FriendRequestOutcome.Pending) this.requests.send(alice.getId(), bob.getId())).request().id();
		this.requests.dismiss(alice.getId(), second);

		assertThat(published()).extracting((event) -> event.get("event"))
			.anySatisfy((event) -> assertThat(event).contains("\"change\":\"declined\"", "\"requestId\":" + first))
			.anySatisfy((event) -> assertThat(event).contains("\"change\":\"cancelled\"", "\"requestId\":" + second));
	}

	@Test
	void aRolledBackChangeIsNeverAnnounced() {
		UserAccount alice = newUser("Alice");
		UserAccount bob = newUser("Bob");

		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.friendships.befriend(alice.getId(), bob.getId());
			throw new IllegalStateException("roll back");
		}));

		assertThat(published()).isEmpty();
	}

	@Test
	void aRemovedMemberAndTheOthersHearOfTheRemovalAndEveryFormerMemberOfTheDeletion() {
		UserAccount owner = newUser("Owner");
		UserAccount carol = newUser("Carol");
		UserAccount dave = newUser("Dave");
		long groupId = this.groups.create(owner.getId(), "Walkers", "", 10).getId();
		this.groups.addMember(owner.getId(), groupId, carol.getId());
		this.groups.addMember(owner.getId(), groupId, dave.getId());
		this.redis.delete(AccountEventPublisher.STREAM);

		this.groups.removeMember(owner.getId(), groupId, dave.getId());
		this.groups.delete(owner.getId(), groupId);

		List<Map<String, String>> published = published();
		assertThat(published).hasSize(2);
		assertThat(published.get(0).get("event"))
			.isEqualTo("{\"type\":\"group\",\"groupId\":%d,\"change\":\"memberRemoved\",\"userId\":%d}".formatted(groupId,
					dave.getId()));
		assertThat(published.get(0).get("users").split(",")).containsExactlyInAnyOrder(owner.getId().toString(),
				carol.getId().toString(), dave.getId().toString());
		assertThat(published.get(1).get("event"))
			.isEqualTo("{\"type\":\"group\",\"groupId\":%d,\"change\":\"deleted\"}".formatted(groupId));
		assertThat(published.get(1).get("users").split(",")).containsExactlyInAnyOrder(owner.getId().toString(),
				carol.getId().toString());
	}

	@Test
	void renamingAndHandingOnAGroupReachEveryMember() {
		UserAccount owner = newUser("Owner");
		UserAccount carol = newUser("Carol");
		long groupId = this.groups.create(owner.getId(), "Walkers", "", 10).getId();
		this.groups.addMember(owner.getId(), groupId, carol.getId());
		this.redis.delete(AccountEventPublisher.STREAM);

		this.groups.update(owner.getId(), groupId, "Runners", null, null);
		this.groups.changeAdmin(owner.getId(), groupId, carol.getId(), true);
		this.groups.transferOwnership(owner.getId(), groupId, carol.getId());

		assertThat(published()).extracting((event) -> event.get("event"))
			.containsExactly("{\"type\":\"group\",\"groupId\":%d,\"change\":\"updated\"}".formatted(groupId),
					"{\"type\":\"group\",\"groupId\":%d,\"change\":\"adminsChanged\",\"userId\":%d}".formatted(groupId,
							carol.getId()),
					"{\"type\":\"group\",\"groupId\":%d,\"change\":\"ownerChanged\",\"userId\":%d}".formatted(groupId,
							carol.getId()));
	}

	private static Map<String, String> entry(String users, String event) {
		return Map.of("users", users, "event", event);
	}

	private List<Map<String, String>> published() {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.read(StreamOffset.fromStart(AccountEventPublisher.STREAM));
		return records.stream()
			.map((record) -> Map.of("users", (String) record.getValue().get("users"), "event",
					(String) record.getValue().get("event")))
			.toList();
	}
}
