package io.webchat.chat.accountevents;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.webchat.chat.delivery.EventDelivery;
import io.webchat.chat.redis.ChatKeys;
import io.webchat.chat.redis.ChatRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the events account-service appends to {@link ChatKeys#ACCOUNT_EVENTS} — a friend
 * request, a friendship, a group change — into the inboxes of the users each names, through
 * {@link EventDelivery} like any message: every client, acknowledged batches, resync past the cap.
 * <p>
 * Every instance reads the stream in one consumer group, so each event is read by one instance,
 * and acknowledges (and deletes) it only once it is in the inboxes. An event read by an instance
 * that died before delivering it, or whose delivery Redis refused, stays pending in the group and
 * is claimed by whichever instance looks next ({@link AccountEventsProperties#claimAfter()}). So an
 * event is delivered at least once; a page shows the state it reads from the APIs, so twice is
 * harmless.
 * <p>
 * One platform thread per instance, blocked in Redis on a connection of its own, as
 * {@code WaitingPolls} does for the wake list: the read waits at most
 * {@link ChatRedis#LONGEST_BLOCKING_WAIT}, so stopping does not wait long for it.
 */
@Component
class AccountEventRelay implements SmartLifecycle {

	static final String GROUP = "chat-service";

	private static final Logger logger = LoggerFactory.getLogger(AccountEventRelay.class);

	private static final int BATCH = 100;

	private final Consumer<String> consumer = Consumer.from(GROUP, UUID.randomUUID().toString());

	private final ChatRedis redis;

	private final EventDelivery delivery;

	private final AccountEventsProperties properties;

	private volatile Thread reader;

	/** Events of ours were read but are not delivered: read them again before new ones. */
	private boolean ownPending;

	private Instant nextClaim = Instant.EPOCH;

	AccountEventRelay(ChatRedis redis, EventDelivery delivery, AccountEventsProperties properties) {
		this.redis = redis;
		this.delivery = delivery;
		this.properties = properties;
	}

	private void relay() {
		boolean groupExists = false;
		while (this.reader == Thread.currentThread()) {
			try {
				if (!groupExists) {
					createGroup();
					groupExists = true;
				}
				if (Instant.now().isAfter(this.nextClaim)) {
					this.nextClaim = Instant.now().plus(this.properties.claimEvery());
					deliver(claimAbandoned());
				}
				deliver(read());
			}
			catch (RuntimeException ex) {
				if (this.reader != Thread.currentThread()) {
					return;
				}
				// Redis away, or the stream was deleted with its group (NOGROUP): the unacknowledged
				// events stay pending in the group until Redis is back
				logger.warn("Cannot relay account events: {}", ex.toString());
				groupExists = false;
				this.ownPending = true;
				sleepASecond();
			}
		}
	}

	private void createGroup() {
		try {
			// from the stream's end: an instance that creates the group has no clients waiting for older events
			commands().xgroupCreate(XReadArgs.StreamOffset.latest(ChatKeys.ACCOUNT_EVENTS), GROUP,
					XGroupCreateArgs.Builder.mkstream());
		}
		catch (RedisCommandExecutionException ex) {
			if (ex.getMessage() == null || !ex.getMessage().startsWith("BUSYGROUP")) {
				throw ex;
			}
			// another instance created it: read on from where the group stands
		}
	}

	private List<StreamMessage<String, String>> read() {
		if (this.ownPending) {
			List<StreamMessage<String, String>> pending = commands().xreadgroup(this.consumer,
					XReadArgs.Builder.count(BATCH), XReadArgs.StreamOffset.from(ChatKeys.ACCOUNT_EVENTS, "0"));
			if (!pending.isEmpty()) {
				return pending;
			}
			this.ownPending = false;
		}
		return commands().xreadgroup(this.consumer,
				XReadArgs.Builder.count(BATCH).block(ChatRedis.LONGEST_BLOCKING_WAIT),
				XReadArgs.StreamOffset.lastConsumed(ChatKeys.ACCOUNT_EVENTS));
	}

	private List<StreamMessage<String, String>> claimAbandoned() {
		return commands()
			.xautoclaim(ChatKeys.ACCOUNT_EVENTS,
					XAutoClaimArgs.Builder.xautoclaim(this.consumer, this.properties.claimAfter(), "0-0").count(BATCH))
			.getMessages();
	}

	/** In the stream's order, each acknowledged and deleted once it is in every inbox. */
	private void deliver(List<StreamMessage<String, String>> events) {
		for (StreamMessage<String, String> event : events) {
			String json = event.getBody().get("event");
			String users = event.getBody().get("users");
			if (json != null && users != null && !users.isBlank()) {
				List<Long> userIds = Arrays.stream(users.split(",")).map(Long::valueOf).toList();
				this.delivery.deliver(json, userIds).block(DELIVERY_TIMEOUT);
			}
			commands().xack(ChatKeys.ACCOUNT_EVENTS, GROUP, event.getId());
			commands().xdel(ChatKeys.ACCOUNT_EVENTS, event.getId());
		}
	}

	/** Far above a delivery's Redis command timeouts: a delivery fails by them, not by this. */
	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

	private RedisStreamCommands<String, String> commands() {
		return this.redis.streamBlocking();
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
		this.reader = Thread.ofPlatform().name("account-events").daemon().unstarted(this::relay);
		this.reader.start();
	}

	@Override
	public void stop() {
		Thread stopping = this.reader;
		this.reader = null;
		if (stopping == null) {
			return;
		}
		try {
			stopping.join(ChatRedis.LONGEST_BLOCKING_WAIT.plusSeconds(2).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!this.ownPending) {
			// nothing left pending under this consumer's name: the group need not remember it
			try {
				commands().xgroupDelconsumer(ChatKeys.ACCOUNT_EVENTS, this.consumer);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not leave the account events group: {}", ex.toString());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.reader != null;
	}
}
