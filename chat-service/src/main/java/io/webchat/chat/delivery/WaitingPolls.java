package io.webchat.chat.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.KeyValue;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import io.webchat.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The polls this instance keeps waiting, and the one blocking pop that wakes them. A poll that
 * finds nothing parks in Redis (poll.lua) with this instance's wake list and an id of its own; a
 * delivery to a parked client takes that (deliver.lua) and pushes the poll's id onto the list;
 * the pop here completes the waiting poll, which then reads its inbox. So however many polls
 * wait, they hold no thread and no Redis connection each — one connection blocks in BLPOP for
 * all of them. A wake whose poll no longer waits is dropped: the event stays in the inbox for the
 * client's next poll.
 * <p>
 * The pop runs on one platform thread of its own, blocked in Redis, rather than as a reactive
 * loop: it is one thread per instance whatever the number of polls, Lettuce needs a connection
 * reserved for a blocking command either way, and a plain loop keeps the timeout rule visible
 * (the pop waits {@link #POP_TIMEOUT}, as long as {@link ChatRedis#LONGEST_BLOCKING_WAIT} allows).
 */
@Component
public class WaitingPolls implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WaitingPolls.class);

	/** How long one blocking pop waits: short, so that stopping the instance does not wait long for it. */
	private static final Duration POP_TIMEOUT = ChatRedis.LONGEST_BLOCKING_WAIT;

	private static final int MORE_PER_WAKE = 255;

	/** A wake list outlives its instance by this much, then Redis forgets it. */
	public static final Duration WAKE_LIST_TIME_TO_LIVE = Duration.ofMinutes(1);

	private final String wakeList = ChatKeys.wakeList(UUID.randomUUID().toString());

	/** Waiting polls by their own id, the one their wake carries. */
	private final ConcurrentHashMap<String, Wait> byPollId = new ConcurrentHashMap<>();

	/** The waiting poll of each user's client ({@code <user id>:<client id>}): one at a time. */
	private final ConcurrentHashMap<String, Wait> byClient = new ConcurrentHashMap<>();

	private final AtomicLong pollIds = new AtomicLong();

	private final AtomicInteger count = new AtomicInteger();

	private final ChatRedis redis;

	private final DeliveryProperties properties;

	private volatile Thread popper;

	WaitingPolls(ChatRedis redis, DeliveryProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * One poll's wait.
	 *
	 * @param parkedAs what the poll writes into its client's {@code parked} key: this instance's
	 *        wake list and the poll's id
	 * @param woken completes when a delivery wakes the poll or its timeout passes
	 */
	record Wait(String pollId, String parkedAs, CompletableFuture<Void> woken) {

		/** Ends the wait at once, e.g. for a poll that found events and does not park after all. */
		void end() {
			this.woken.complete(null);
		}
	}

	/** Where a parked poll waits, read back from its {@code parked} value. */
	record Parked(String wakeList, String pollId) {

		static Parked of(String parkedValue) {
			int space = parkedValue.lastIndexOf(' ');
			return new Parked(parkedValue.substring(0, space), parkedValue.substring(space + 1));
		}
	}

	/** Whether polls may wait here: not once the instance is stopping, when nobody would wake them. */
	boolean accepting() {
		return this.popper != null;
	}

	/**
	 * Registers a poll of a user's client that is about to park; its wait ends when a delivery
	 * wakes it or after {@code timeout}. Register before parking, so that a wake coming right
	 * after the park finds the poll. A newer poll of the same client ends an older one's wait
	 * here, which is usually a request its client gave up on.
	 */
	Wait register(long userId, String clientId, Duration timeout) {
		if (this.count.incrementAndGet() > this.properties.maxWaitingPolls()) {
			this.count.decrementAndGet();
			ApiProblem busy = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-polls",
					"This chat instance has as many waiting polls as it allows; poll again shortly.");
			busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			throw busy;
		}
		String pollId = Long.toString(this.pollIds.incrementAndGet());
		String client = userId + ":" + clientId;
		Wait wait = new Wait(pollId, this.wakeList + " " + pollId, new CompletableFuture<>());
		this.byPollId.put(pollId, wait);
		Wait older = this.byClient.put(client, wait);
		if (older != null) {
			older.end();
		}
		wait.woken().completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
			this.byPollId.remove(pollId);
			this.byClient.remove(client, wait);
			this.count.decrementAndGet();
		});
		return wait;
	}

	private void popWakes() {
		while (this.popper == Thread.currentThread()) {
			try {
				KeyValue<String, String> first = this.redis.blocking().blpop(POP_TIMEOUT.toSeconds(), this.wakeList);
				if (first == null) {
					continue;
				}
				wake(first.getValue());
				List<String> more = this.redis.blocking().lpop(this.wakeList, MORE_PER_WAKE);
				if (more != null) {
					more.forEach(this::wake);
				}
			}
			catch (RuntimeException ex) {
				if (this.popper != Thread.currentThread()) {
					return;
				}
				// Redis away: waiting polls end by their timeouts; keep trying until it is back
				logger.warn("Cannot pop the wake list {}: {}", this.wakeList, ex.toString());
				sleepASecond();
			}
		}
	}

	private void wake(String pollId) {
		Wait wait = this.byPollId.get(pollId);
		if (wait != null) {
			wait.end();
		}
	}

	private static void sleepASecond() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.popper = Thread.ofPlatform().name("wake-list-pop").daemon().unstarted(this::popWakes);
		this.popper.start();
	}

	@Override
	public void stop() {
		Thread stopping = this.popper;
		this.popper = null;
		if (stopping != null) {
			try {
				stopping.join(POP_TIMEOUT.plusSeconds(2).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// answered at once with whatever their inboxes hold, instead of at their timeouts
		this.byPollId.values().forEach(Wait::end);
	}

	@Override
	public boolean isRunning() {
		return this.popper != null;
	}
}
