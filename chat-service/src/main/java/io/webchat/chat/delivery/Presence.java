package io.webchat.chat.delivery;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Who is online, as the long polls show it: delivery reports every poll and every closed
 * client, and asks whose friends are online when a client registers. The presence feature keeps
 * that state and tells friends when it changes — through {@link EventDelivery}, which is why
 * delivery declares what it needs here and presence implements it, not the other way round.
 */
public interface Presence {

	/** One of the user's clients just polled or registered. */
	Mono<Void> polled(long userId);

	/** The user closed a client; without another live one they go offline at once. */
	Mono<Void> closed(long userId, String clientId);

	/** The user's friends who are online now, by id. */
	Mono<List<Long>> onlineFriends(long userId);

}
