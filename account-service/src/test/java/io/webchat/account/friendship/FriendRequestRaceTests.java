package io.webchat.account.friendship;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.webchat.account.AccountServiceIntegrationTest;
import io.webchat.account.friendship.FriendRequestOutcome.AlreadyFriends;
import io.webchat.account.friendship.FriendRequestOutcome.BecameFriends;
import io.webchat.account.friendship.FriendRequestOutcome.Pending;
import io.webchat.account.relations.RelationsReadModel;
import io.webchat.account.user.UserAccount;
import io.webchat.problem.ApiProblem;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two calls about the same pair at the same moment, on two threads against the real database.
 * Repeated, because one run may happen not to interleave; the database's keys and the delete
 * count decide every interleaving the same way.
 */
class FriendRequestRaceTests extends AccountServiceIntegrationTest {

	@Autowired
	FriendRequestService requests;

	@Autowired
	FriendRequestRepository requestRows;

	@Autowired
	FriendshipService friendships;

	@Autowired
	StringRedisTemplate redis;

	@RepeatedTest(5)
	void twoConcurrentAcceptancesMakeOneFriendship() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");
		long requestId = ((Pending) this.requests.send(ann.getId(), bob.getId())).request().id();

		List<Object> outcomes = concurrently(() -> this.requests.accept(bob.getId(), requestId),
				() -> this.requests.accept(bob.getId(), requestId));

		assertThat(outcomes).filteredOn(BecameFriends.class::isInstance).hasSize(1);
		// the other saw the same friendship, or (arriving after the first had committed) no request
		assertThat(outcomes).filteredOn((outcome) -> !(outcome instanceof BecameFriends))
			.singleElement()
			.satisfies((outcome) -> assertThat(outcome instanceof AlreadyFriends
					|| (outcome instanceof ApiProblem problem && problem.getStatusCode().value() == 404))
				.as("%s", outcome)
				.isTrue());
		assertExactlyFriends(ann, bob);
	}

	@RepeatedTest(5)
	void requestsCrossingEachOtherMakeOneFriendship() throws Exception {
		UserAccount ann = newUser("Ann");
		UserAccount bob = newUser("Bob");

		List<Object> outcomes = concurrently(() -> this.requests.send(ann.getId(), bob.getId()),
				() -> this.requests.send(bob.getId(), ann.getId()));

		// one request got in; the other, finding it, accepted it
		assertThat(outcomes).filteredOn(Pending.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(BecameFriends.class::isInstance).hasSize(1);
		assertExactlyFriends(ann, bob);
	}

	private void assertExactlyFriends(UserAccount ann, UserAccount bob) {
		assertThat(this.friendships.friendsOf(ann.getId(), PageRequest.of(0, 10)).map(UserAccount::getId))
			.containsExactly(bob.getId());
		assertThat(this.friendships.friendsOf(bob.getId(), PageRequest.of(0, 10)).map(UserAccount::getId))
			.containsExactly(ann.getId());
		assertThat(this.requestRows.findBetween(ann.getId(), bob.getId())).as("no request left pending").isEmpty();
		assertThat(this.redis.opsForSet().members(RelationsReadModel.friendsKey(ann.getId())))
			.containsExactly(bob.getId().toString());
	}

	/** Runs both at once; a refusal is an outcome like any other, any other exception fails the test. */
	private static List<Object> concurrently(Callable<Object> one, Callable<Object> other) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Object>> running = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			for (Callable<Object> call : List.of(one, other)) {
				running.add(threads.submit(() -> {
					start.await();
					try {
						return call.call();
					}
					catch (ApiProblem refusal) {
						return refusal;
					}
				}));
			}
			start.countDown();
		}
		List<Object> outcomes = new ArrayList<>();
		for (Future<Object> call : running) {
			outcomes.add(call.get());
		}
		return outcomes;
	}
}
