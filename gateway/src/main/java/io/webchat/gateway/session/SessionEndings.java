package io.webchat.gateway.session;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Tells every gateway instance that sessions have ended (logout, password change), over a Redis
 * channel, so that none of them keeps serving a session from its {@link SessionCache}.
 * The instance that ends a session forgets it at once, before it answers; the others hear of it
 * within milliseconds. A message missed while Redis was unreachable cannot be told apart from no
 * message, so each (re)subscription forgets every cached session: they are read again from Redis.
 */
@Component
public class SessionEndings implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SessionEndings.class);

	private static final Duration LONGEST_RESUBSCRIBE_WAIT = Duration.ofSeconds(2);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveRedisMessageListenerContainer listeners;

	private final SessionCache loggedIn;

	private final ChannelTopic channel;

	private volatile Disposable subscription;

	SessionEndings(ReactiveStringRedisTemplate redis, ReactiveRedisMessageListenerContainer listeners,
			SessionCache loggedIn, SessionDataRedisProperties properties) {
		this.redis = redis;
		this.listeners = listeners;
		this.loggedIn = loggedIn;
		this.channel = ChannelTopic.of(properties.getNamespace() + ":ended");
	}

	/** Forgets the sessions here, then tells the other instances. */
	public Mono<Void> ended(Collection<String> sessionIds) {
		if (sessionIds.isEmpty()) {
			return Mono.empty();
		}
		this.loggedIn.forget(sessionIds);
		return this.redis.convertAndSend(this.channel.getTopic(), String.join(",", sessionIds)).then();
	}

	@Override
	public void start() {
		this.subscription = this.listeners.receiveLater(this.channel)
			.doOnNext((subscribed) -> this.loggedIn.forgetAll())
			.flatMapMany((messages) -> messages)
			.map((message) -> List.of(message.getMessage().split(",")))
			.doOnError((ex) -> logger.warn("Lost the subscription to {}; subscribing again: {}", this.channel.getTopic(),
					ex.toString()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(LONGEST_RESUBSCRIBE_WAIT))
			.subscribe(this.loggedIn::forget);
	}

	@Override
	public void stop() {
		Disposable running = this.subscription;
		this.subscription = null;
		if (running != null) {
			running.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}
}
