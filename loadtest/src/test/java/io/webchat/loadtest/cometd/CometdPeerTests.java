package io.webchat.loadtest.cometd;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.webchat.loadtest.client.DeliveryTracker;
import io.webchat.loadtest.client.MessagePlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The peer end to end: the CometD server in its own JVM, started as the benchmark starts it,
 * and a small fleet of users driving it the way the benchmark drives webchat.
 */
class CometdPeerTests {

	private static final int USERS = 40;

	private static final int GROUP_SIZE = 10;

	/** Short, so that idle polls are answered within the test. */
	private static final int POLL_TIMEOUT_SECONDS = 2;

	private static final AtomicLong numbers = new AtomicLong();

	private static CometdPeer peer;

	private static CometdFleet fleet;

	@BeforeAll
	static void startPeerAndFleet() throws Exception {
		peer = CometdPeer.start(freePort(), POLL_TIMEOUT_SECONDS * 1000, List.of("-Xmx128m"),
				Path.of("target", "cometd-peer-tests"));
		fleet = new CometdFleet(peer.url(), USERS, GROUP_SIZE, POLL_TIMEOUT_SECONDS);
		fleet.startPolling(200);
		awaitUntil(fleet, "every user subscribed", Duration.ofSeconds(10), () -> fleet.subscribedClients() == USERS);
	}

	@AfterAll
	static void stopPeerAndFleet() {
		if (fleet != null) {
			fleet.close();
		}
		if (peer != null) {
			peer.close();
		}
	}

	@Test
	void deliversEveryAcceptedOneToOneMessageExactlyOnce() {
		DeliveryTracker.Phase phase = new DeliveryTracker.Phase("one-to-one");

		fleet.send(phase, 50, Duration.ofSeconds(2), MessagePlan.oneToOne(USERS, 2), numbers);

		awaitUntil(fleet, "every copy delivered", Duration.ofSeconds(10),
				() -> fleet.sendsInFlight() == 0 && fleet.tracker().missing(phase) == 0);
		assertThat(phase.sent.get()).isGreaterThanOrEqualTo(90);
		assertThat(phase.sendErrors.get()).isZero();
		assertThat(fleet.tracker().expected(phase)).isEqualTo(phase.sent.get());
		assertThat(phase.deliveries.get()).isEqualTo(phase.sent.get());
		assertThat(phase.duplicates.get()).isZero();
		assertThat(phase.send.summary().count()).isEqualTo(phase.sent.get());
	}

	@Test
	void deliversAGroupMessageToEveryOtherMemberAndEchoesItToTheSender() {
		DeliveryTracker.Phase phase = new DeliveryTracker.Phase("group");
		long echoesBefore = fleet.tracker().echoes();

		fleet.send(phase, 5, Duration.ofSeconds(1), MessagePlan.group(GROUP_SIZE), numbers);

		awaitUntil(fleet, "every member's copy and every echo", Duration.ofSeconds(10),
				() -> fleet.sendsInFlight() == 0 && fleet.tracker().missing(phase) == 0
						&& fleet.tracker().echoes() - echoesBefore == phase.sent.get());
		assertThat(phase.sent.get()).isPositive();
		assertThat(phase.sendErrors.get()).isZero();
		assertThat(phase.deliveries.get()).isEqualTo(phase.sent.get() * (GROUP_SIZE - 1));
		assertThat(phase.duplicates.get()).isZero();
	}

	@Test
	void answersEveryIdlePollAtThePollTimeoutAndPollsAgain() {
		long pollsBefore = fleet.polls();

		awaitUntil(fleet, "every user's idle poll answered", Duration.ofSeconds(POLL_TIMEOUT_SECONDS * 3L),
				() -> fleet.polls() - pollsBefore >= USERS);
		assertThat(fleet.pollErrors()).as("poll errors: %s", fleet.pollErrorKinds()).isZero();
		assertThat(fleet.resyncs()).isZero();
		assertThat(fleet.subscribedClients()).isEqualTo(USERS);
	}

	@Test
	void countsTheBytesOnTheWireOfConnectionsStillOpen() {
		assertThat(fleet.wireBytes()).isPositive();
	}

	@Test
	void resubscribesAUserWhoseSessionTheServerNoLongerKnows() throws Exception {
		int port = freePort();
		Path logs = Path.of("target", "cometd-peer-tests", "restarted");
		CometdPeer first = CometdPeer.start(port, POLL_TIMEOUT_SECONDS * 1000, List.of("-Xmx64m"), logs);
		try (CometdFleet users = new CometdFleet(first.url(), 2, 0, POLL_TIMEOUT_SECONDS)) {
			users.startPolling(100);
			awaitUntil(users, "both users subscribed", Duration.ofSeconds(10), () -> users.subscribedClients() == 2);
			first.close();

			try (CometdPeer restarted = CometdPeer.start(port, POLL_TIMEOUT_SECONDS * 1000, List.of("-Xmx64m"), logs)) {
				awaitUntil(users, "both users handshaken and subscribed again", Duration.ofSeconds(15),
						() -> users.resyncs() == 2 && users.subscribedClients() == 2);
				DeliveryTracker.Phase phase = new DeliveryTracker.Phase("after the restart");
				users.send(phase, 10, Duration.ofMillis(500), MessagePlan.oneToOne(2, 1), numbers);
				awaitUntil(users, "every copy delivered", Duration.ofSeconds(5),
						() -> users.sendsInFlight() == 0 && users.tracker().missing(phase) == 0);
				assertThat(phase.sendErrors.get()).isZero();
				assertThat(phase.deliveries.get()).isEqualTo(phase.sent.get()).isPositive();
			}
		}
		finally {
			first.close();
		}
	}

	/** Awaits the condition; a failure names it and the fleet's counts. */
	private static void awaitUntil(CometdFleet users, String what, Duration timeout, BooleanSupplier condition) {
		await(what).atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.conditionEvaluationListener((evaluation) -> {
				if (!evaluation.isSatisfied() && evaluation.getRemainingTimeInMS() <= 0) {
					System.err.printf("subscribed %d, polls %d, resyncs %d, poll errors %s%n", users.subscribedClients(),
							users.polls(), users.resyncs(), users.pollErrorKinds());
				}
			})
			.until(condition::getAsBoolean);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
