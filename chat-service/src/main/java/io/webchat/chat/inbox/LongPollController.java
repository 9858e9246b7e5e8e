package io.webchat.chat.inbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.constraints.Min;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Receiving", description = "The long poll that delivers messages")
class LongPollController {

	private final LongPollService longPolls;

	private final LongPollProperties properties;

	LongPollController(LongPollService longPolls, LongPollProperties properties) {
		this.longPolls = longPolls;
		this.properties = properties;
	}

	@GetMapping("/api/chat/inbox")
	@Operation(summary = "Receive my messages (long poll)",
			description = "Returns at once with the messages waiting in my inbox, oldest first. If none wait, "
					+ "blocks until one arrives or the timeout passes, then returns an empty list. Call it again "
					+ "as soon as it answers.")
	@ApiResponse(responseCode = "200", description = "The messages, possibly none")
	@ApiResponse(responseCode = "503", description = "This instance is at its limit of waiting polls; retry after `Retry-After`")
	InboxBatch poll(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Seconds to wait when the inbox is empty; capped by the server (default 25)",
					example = "25") @RequestParam(required = false) @Min(0) Integer timeout) {
		return this.longPolls.poll(AuthenticatedUser.id(token), this.properties.effectiveTimeout(timeout));
	}
}
