package io.webchat.chat.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * finds nothing parks in Redis under this instance's wake list (poll.lua); a delivery to a parked
 * client pushes the client's id onto that list (deliver.lua names it); the pop here completes the
 * waiting poll, which then reads its inbox. So however many polls wait, they hold no thread and
 * no Redis connection each — one connection blocks in BLPOP for all of them. A wake that finds no
 * poll waiting any more is dropped: the event stays in the inbox for the next poll.
 */
@Component
public class WaitingPolls implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WaitingPolls.class);

	/** How long one blocking pop waits: short, so that stopping the instance does not wait long for it. */
	public static final Duration POP_TIMEOUT = Duration.ofSeconds(1);

	private static final int MORE_PER_WAKE = 255;

	/** A wake list outlives its instance by this much, then Redis forgets it. */
	public static final Duration WAKE_LIST_TIME_TO_LIVE = Duration.ofMinutes(1);

	private final String wakeList = ChatKeys.wakeList(UUID.randomUUID().toString());

	private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

	private final AtomicInteger count = new AtomicInteger();

	private final ChatRedis redis;

	private final DeliveryProperties properties;

	private volatile Thread popper;

	WaitingPolls(ChatRedis redis, DeliveryProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** The list deliveries push onto to wake the polls waiting here. */
	String wakeList() {
		return this.wakeList;
	}

	/**
	 * Registers a poll of {@code clientId} that is about to park; the future completes when a
	 * delivery wakes it or after {@code timeout}. Register before parking, so that a wake coming
	 * right after the park finds the poll. A newer poll of the same client replaces (and wakes)
	 * an older one, which is usually a request its client gave up on.
	 */
	CompletableFuture<Void> register(String clientId, Duration timeout) {
		if (this.count.incrementAndGet() > this.properties.maxWaitingPolls()) {
			this.count.decrementAndGet();
			ApiProblem busy = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-polls",
					"This chat instance has as many waiting polls as it allows; poll again shortly.");
			busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			throw busy;
		}
		CompletableFuture<Void> wake = new CompletableFuture<>();
		CompletableFuture<Void> older = this.waiting.put(clientId, wake);
		if (older != null) {
			older.complete(null);
		}
		wake.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
			this.waiting.remove(clientId, wake);
			this.count.decrementAndGet();
		});
		return wake;
	}

	/** Ends the wait of a poll that did not park after all (the look into Redis found events). */
	void cancel(String clientId, CompletableFuture<Void> wake) {
		wake.complete(null);
	}

	int waitingCount() {
		return this.count.get();
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

	private void wake(String clientId) {
		CompletableFuture<Void> wake = this.waiting.get(clientId);
		if (wake != null) {
			wake.complete(null);
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
		this.waiting.values().forEach((wake) -> wake.complete(null));
	}

	@Override
	public boolean isRunning() {
		return this.popper != null;
	}
}
