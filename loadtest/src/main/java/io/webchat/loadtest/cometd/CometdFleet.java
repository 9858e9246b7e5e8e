package io.webchat.loadtest.cometd;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.client.ClientSessionChannel;
import org.cometd.client.BayeuxClient;
import org.cometd.client.http.jetty.JettyHttpClientTransport;
import org.cometd.client.transport.ClientTransport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.RandomConnectionPool;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.webchat.loadtest.client.DeliveryTracker;
import io.webchat.loadtest.client.Fleet;
import io.webchat.loadtest.client.MessagePlan;
import io.webchat.loadtest.client.OpenLoopSends;
import io.webchat.loadtest.fixture.BulkFixture;
import io.webchat.loadtest.measure.OpenLoop;

/**
 * The simulated users of the CometD peer: one {@link BayeuxClient} per user, each keeping its
 * own long poll ({@code /meta/connect}) open, all over one shared Jetty {@link HttpClient}.
 * <p>
 * User {@code u} subscribes to {@code /user/u}, and the first {@code groupSize} users also to
 * the group's channel; a message to a user or to the group is a publish to that channel, with
 * the same fields as a webchat message. A user whose session the server dropped handshakes
 * again and must then subscribe again (the server forgot its subscriptions with the session),
 * or every later message to it would look lost: that is CometD's "start over", counted in
 * {@link #resyncs()}.
 */
public final class CometdFleet implements Fleet {

	/**
	 * How late a reply may be before the request fails (for a poll: on top of the poll
	 * timeout); webchat's fleet gives a send the same 30 s.
	 */
	private static final long MAX_NETWORK_DELAY_MILLIS = 30_000;

	/**
	 * The client's worker threads. Every request is asynchronous: one selector thread watches
	 * all the sockets and no thread waits on a held poll; a worker is busy only while a reply
	 * is parsed and its listeners run, which is CPU work on 2 cores. A few dozen platform
	 * threads keep both cores busy through a burst of thousands of replies, where a thread per
	 * client would spend memory and context switches on 5,000 stacks.
	 */
	private static final int MAX_WORKER_THREADS = 32;

	private final List<User> users = new ArrayList<>();

	private final int groupSize;

	private final HttpClient http;

	/**
	 * One scheduler for every client's reconnects and request timeouts, instead of the thread
	 * each {@link BayeuxClient} would start for itself.
	 */
	private final ScheduledThreadPoolExecutor scheduler;

	private final WireBytes wireBytes = new WireBytes();

	private final DeliveryTracker tracker = new DeliveryTracker();

	private final OpenLoopSends sends = new OpenLoopSends(this.tracker);

	private volatile boolean closing;

	private final AtomicLong polls = new AtomicLong();

	private final AtomicLong pollErrors = new AtomicLong();

	private final AtomicLong resyncs = new AtomicLong();

	private final AtomicLong subscribedClients = new AtomicLong();

	private final Map<String, AtomicLong> pollErrorKinds = new ConcurrentHashMap<>();

	/**
	 * @param server the server's Bayeux endpoint ({@link CometdPeer#url()})
	 * @param users how many users, numbered 1 … {@code users}
	 * @param groupSize users 1 … {@code groupSize} are members of the group
	 * @param pollTimeoutSeconds the server's poll timeout
	 */
	public CometdFleet(URI server, int users, int groupSize, int pollTimeoutSeconds) {
		this.groupSize = groupSize;
		this.scheduler = newScheduler();
		this.http = newHttpClient(users, pollTimeoutSeconds);
		for (long id = 1; id <= users; id++) {
			this.users.add(new User(id, newClient(server)));
		}
	}

	private static ScheduledThreadPoolExecutor newScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(
				Math.max(2, Runtime.getRuntime().availableProcessors()),
				Thread.ofPlatform().name("cometd-fleet-scheduler-", 1).daemon().factory());
		// every request schedules its timeout and cancels it when answered: drop the cancelled
		// ones at once, or 30 s of them pile up in the queue
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		return scheduler;
	}

	private HttpClient newHttpClient(int users, int pollTimeoutSeconds) {
		// each user holds one connection for its poll and needs another for a send, subscribe or
		// handshake while the poll is held; the rest is headroom for bursts of sends
		int maxConnections = 2 * users + 1_000;
		QueuedThreadPool workers = new QueuedThreadPool(MAX_WORKER_THREADS, 4);
		workers.setName("cometd-fleet");
		workers.setDaemon(true);
		HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP();
		// no header cache per connection: 2 connections per user would keep about 96 KB each
		transport.setHeaderCacheSize(0);
		// most connections are busy holding a poll; the default pool scans them from the first
		// for an idle one on every request, a random start finds one in a few tries
		transport.setConnectionPoolFactory((destination) -> new RandomConnectionPool(destination, maxConnections, 1));
		HttpClient http = new HttpClient(transport);
		http.setExecutor(workers);
		http.setMaxConnectionsPerDestination(maxConnections);
		// a burst may wait for connections being opened, rather than fail
		http.setMaxRequestsQueuedPerDestination(maxConnections);
		http.setIdleTimeout(TimeUnit.SECONDS.toMillis(pollTimeoutSeconds) + MAX_NETWORK_DELAY_MILLIS);
		http.addBean(this.wireBytes);
		try {
			http.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the CometD fleet's HTTP client", ex);
		}
		return http;
	}

	private BayeuxClient newClient(URI server) {
		// mutable and the transport's own: the client writes its options into it
		Map<String, Object> options = new HashMap<>();
		options.put(ClientTransport.MAX_NETWORK_DELAY_OPTION, MAX_NETWORK_DELAY_MILLIS);
		// the long-polling transport only, one per client: it keeps the client's cookies and requests
		return new BayeuxClient(server.toString(), this.scheduler, new JettyHttpClientTransport(options, this.http));
	}

	@Override
	public DeliveryTracker tracker() {
		return this.tracker;
	}

	/**
	 * Handshakes every user, {@code perSecond} users a second, as webchat's fleet opens its
	 * polls; each then subscribes and keeps its poll open by itself.
	 */
	@Override
	public void startPolling(int perSecond) throws InterruptedException {
		long started = System.nanoTime();
		for (int i = 0; i < this.users.size(); i++) {
			this.users.get(i).start();
			long dueNanos = started + (long) ((i + 1) * 1e9 / perSecond);
			long waitNanos = dueNanos - System.nanoTime();
			if (waitNanos > 0) {
				TimeUnit.NANOSECONDS.sleep(waitNanos);
			}
		}
	}

	/**
	 * Users whose current session has every subscription in place, so the benchmark can wait
	 * until all N can receive, as it waits for webchat's polls to be parked.
	 */
	public long subscribedClients() {
		return this.subscribedClients.get();
	}

	/**
	 * Sends {@code rate} messages per second for {@code duration}, open loop, as {@code plan}
	 * says: the sender's client publishes to the recipient's channel, and the pacing thread
	 * only hands the publish to the asynchronous client.
	 */
	@Override
	public OpenLoop.Paced send(DeliveryTracker.Phase phase, double rate, Duration duration, MessagePlan plan,
			AtomicLong numbers) {
		return this.sends.run(phase, rate, duration, plan, numbers, (number, planned, answer) -> {
			User sender = this.users.get((int) planned.sender() - 1);
			String channel = ("group".equals(planned.type()) ? "/group/" : "/user/") + planned.to();
			Map<String, Object> message = Map.of("from", planned.sender(), "to", planned.to(), "type", planned.type(),
					"msg", "lt " + number, "clientMessageId", "lt-" + number);
			sender.client.getChannel(channel).publish(message, (reply) -> {
				if (reply.isSuccessful()) {
					answer.accepted();
				}
				else {
					answer.failed(failureKind(reply));
				}
			});
		});
	}

	@Override
	public long sendsInFlight() {
		return this.sends.inFlight();
	}

	/**
	 * Polls answered: successful {@code /meta/connect} replies (with messages or at the poll
	 * timeout), and those telling a client whose session expired to handshake again — webchat's
	 * fleet counts its "start over" answers as polls too.
	 */
	@Override
	public long polls() {
		return this.polls.get();
	}

	/**
	 * Polls that failed ({@code /meta/connect} replies that are errors or transport failures),
	 * and handshakes or subscriptions that failed, which leave a user unable to receive.
	 */
	@Override
	public long pollErrors() {
		return this.pollErrors.get();
	}

	/** Handshakes after a user's first: the server dropped its session. */
	@Override
	public long resyncs() {
		return this.resyncs.get();
	}

	@Override
	public Map<String, AtomicLong> pollErrorKinds() {
		return this.pollErrorKinds;
	}

	/**
	 * Bytes written and read on every connection of the shared client, HTTP headers included.
	 * Jetty's {@code ConnectionStatistics} adds a connection's bytes only when it closes, and
	 * these connections stay open for the whole run; so the open ones are counted as they are.
	 */
	@Override
	public long wireBytes() {
		return this.wireBytes.total();
	}

	/** Stops at once: the run is over, so no user disconnects first. */
	@Override
	public void close() {
		this.closing = true;
		this.scheduler.shutdownNow();
		try {
			this.http.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot stop the CometD fleet's HTTP client", ex);
		}
	}

	private void pollAnswered(Message reply) {
		if (reply.isSuccessful() || Message.RECONNECT_HANDSHAKE_VALUE.equals(adviceOf(reply))) {
			this.polls.incrementAndGet();
		}
		else {
			pollFailed("", reply);
		}
	}

	private void pollFailed(String step, Message reply) {
		if (this.closing) {
			return;
		}
		this.pollErrors.incrementAndGet();
		this.pollErrorKinds.computeIfAbsent(step + failureKind(reply), (k) -> new AtomicLong()).incrementAndGet();
	}

	private static Object adviceOf(Message reply) {
		Map<String, Object> advice = reply.getAdvice();
		return (advice != null) ? advice.get(Message.RECONNECT_FIELD) : null;
	}

	/**
	 * What went wrong, in few words: the HTTP status or exception of a transport failure, else
	 * the server's Bayeux error (such as {@code 402::unknown_session}).
	 */
	private static String failureKind(Message reply) {
		if (reply.get("failure") instanceof Map<?, ?> failure) {
			if (failure.get("httpCode") != null) {
				return "HTTP " + failure.get("httpCode");
			}
			if (failure.get("exception") instanceof Throwable exception) {
				return exception.getClass().getSimpleName();
			}
		}
		Object error = reply.get(Message.ERROR_FIELD);
		return (error != null) ? error.toString() : "unsuccessful";
	}

	/** One simulated user: its client, and its subscriptions for the current session. */
	private final class User {

		private final long id;

		private final BayeuxClient client;

		private final ClientSessionChannel.MessageListener inbox = this::received;

		private final AtomicInteger handshakes = new AtomicInteger();

		/** Counted in {@link #subscribedClients}; guarded by {@code this}. */
		private boolean subscribed;

		User(long id, BayeuxClient client) {
			this.id = id;
			this.client = client;
			client.getChannel(Channel.META_HANDSHAKE).addListener((ClientSessionChannel.MessageListener) (channel,
					reply) -> handshakeAnswered(reply));
			client.getChannel(Channel.META_CONNECT)
				.addListener((ClientSessionChannel.MessageListener) (channel, reply) -> pollAnswered(reply));
		}

		void start() {
			this.client.handshake();
		}

		/**
		 * A new session has no subscriptions, whether it is the first or one after the server
		 * dropped the old (the client has cleared its own by then): subscribe to every channel.
		 */
		private void handshakeAnswered(Message reply) {
			if (!reply.isSuccessful()) {
				pollFailed("handshake: ", reply);
				return;
			}
			int session = this.handshakes.incrementAndGet();
			if (session > 1) {
				CometdFleet.this.resyncs.incrementAndGet();
				setSubscribed(false);
			}
			List<String> channels = new ArrayList<>(List.of("/user/" + this.id));
			if (this.id <= CometdFleet.this.groupSize) {
				channels.add("/group/" + BulkFixture.GROUP_ID);
			}
			AtomicInteger pending = new AtomicInteger(channels.size());
			for (String channel : channels) {
				this.client.getChannel(channel).subscribe(this.inbox, (subscribeReply) -> {
					if (!subscribeReply.isSuccessful()) {
						pollFailed("subscribe: ", subscribeReply);
					}
					else if (pending.decrementAndGet() == 0 && this.handshakes.get() == session) {
						setSubscribed(true);
					}
				});
			}
		}

		private synchronized void setSubscribed(boolean subscribed) {
			if (subscribed != this.subscribed) {
				this.subscribed = subscribed;
				CometdFleet.this.subscribedClients.addAndGet(subscribed ? 1 : -1);
			}
		}

		/** A message on one of this user's channels; a group member also gets its own back. */
		private void received(ClientSessionChannel channel, Message message) {
			long now = System.nanoTime();
			Map<String, Object> data = message.getDataAsMap();
			if (data == null || !(data.get("msg") instanceof String text) || !text.startsWith("lt ")
					|| !(data.get("from") instanceof Number from)) {
				return;
			}
			if (from.longValue() == this.id) {
				CometdFleet.this.tracker.echo();
			}
			else {
				CometdFleet.this.tracker.delivered(Long.parseLong(text.substring(3)), this.id, now);
			}
		}

	}

	/**
	 * Bytes in and out of every connection of the client: the closed ones' totals plus what
	 * the open ones have moved so far.
	 */
	private static final class WireBytes implements Connection.Listener {

		private final Set<Connection> open = ConcurrentHashMap.newKeySet();

		private final LongAdder closedBytes = new LongAdder();

		@Override
		public void onOpened(Connection connection) {
			this.open.add(connection);
		}

		@Override
		public void onClosed(Connection connection) {
			if (this.open.remove(connection)) {
				this.closedBytes.add(connection.getBytesIn() + connection.getBytesOut());
			}
		}

		long total() {
			long total = this.closedBytes.sum();
			for (Connection connection : this.open) {
				total += connection.getBytesIn() + connection.getBytesOut();
			}
			return total;
		}

	}

}
