package io.webchat.chat.presence;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds users whose clients all stopped polling. Every instance sweeps; the sweep is idempotent
 * and only one instance announces each departure, so no instance is special.
 */
@Component
class PresenceSweeper {

	private final PresenceService presence;

	PresenceSweeper(PresenceService presence) {
		this.presence = presence;
	}

	/** Waits for each sweep on the scheduler's own thread, so that two sweeps never overlap. */
	@Scheduled(fixedDelayString = "${webchat.chat.presence.sweep-interval:10s}")
	void sweep() {
		this.presence.sweep().block();
	}
}
