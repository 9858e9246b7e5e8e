package io.webchat.loadtest.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.webchat.loadtest.measure.OpenLoop;

/**
 * The N simulated users of one system under test — webchat through its gateway, or the CometD
 * peer — each with one long poll open and sending open loop. The benchmark runs the same
 * scenarios against either through this, so their figures compare like for like.
 */
public interface Fleet extends AutoCloseable {

	/** What was sent to whom and what arrived, for every scenario step. */
	DeliveryTracker tracker();

	/** Opens every user's long poll loop, {@code perSecond} users a second. */
	void startPolling(int perSecond) throws InterruptedException;

	/**
	 * Sends {@code rate} messages per second for {@code duration}, open loop, as {@code plan}
	 * says; each message's latency is measured from its due time to the recipient's client.
	 */
	OpenLoop.Paced send(DeliveryTracker.Phase phase, double rate, Duration duration, MessagePlan plan,
			AtomicLong numbers);

	/** Sends made and not yet answered. */
	long sendsInFlight();

	/** Long polls answered so far (with events or at their timeout). */
	long polls();

	/** Long polls that failed so far. */
	long pollErrors();

	/** Polls answered with "start over" (webchat's resync; CometD's re-handshake). */
	long resyncs();

	Map<String, AtomicLong> pollErrorKinds();

	/** Bytes written and read on every client connection so far, HTTP headers included. */
	long wireBytes();

	@Override
	void close();

}
