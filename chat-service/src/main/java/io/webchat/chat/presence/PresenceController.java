package io.webchat.chat.presence;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.identity.AuthenticatedUser;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Presence", description = "Which friends are online")
class PresenceController {

	private final PresenceService presence;

	PresenceController(PresenceService presence) {
		this.presence = presence;
	}

	@GetMapping("/api/chat/presence")
	@Operation(summary = "My friends who are online",
			description = "Online means one of their clients polled within the presence window (40 s). Changes "
					+ "arrive as `presence` events in the long poll.")
	Mono<OnlineFriends> onlineFriends(@AuthenticationPrincipal Jwt token) {
		return this.presence.onlineFriends(AuthenticatedUser.id(token)).map(OnlineFriends::new);
	}

	@Schema(description = "Friends online now")
	record OnlineFriends(@Schema(example = "[2, 3]") List<Long> online) {
	}
}
