package io.webchat.chat.delivery;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.webchat.identity.AuthenticatedUser;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Receiving", description = "Clients and the long poll that delivers their events")
class ClientController {

	private static final String CLIENT_ID = "[A-Za-z0-9]{1,64}";

	private final LongPollService longPolls;

	private final DeliveryProperties properties;

	ClientController(LongPollService longPolls, DeliveryProperties properties) {
		this.longPolls = longPolls;
		this.properties = properties;
	}

	@PostMapping("/api/chat/clients")
	@Operation(summary = "Register a client (a page or device) to receive events",
			description = "Call once when the page loads, before loading history: every message sent from then on "
					+ "reaches this client's own inbox. Answers the unread counts and the friends online.")
	@ApiResponse(responseCode = "201", description = "Registered; poll its events")
	Mono<ResponseEntity<ClientRegistration>> register(@AuthenticationPrincipal Jwt token) {
		return this.longPolls.register(AuthenticatedUser.id(token))
			.map((registration) -> ResponseEntity.created(URI.create("/api/chat/clients/" + registration.clientId()))
				.body(registration));
	}

	@GetMapping("/api/chat/clients/{clientId}/events")
	@Operation(summary = "Receive my events (long poll)",
			description = "Returns at once with the batch not yet acknowledged, or the events waiting, oldest first. "
					+ "If none wait, blocks until one arrives or the timeout passes, then returns an empty batch. "
					+ "Call it again at once, passing the batch id you received as `ack`.")
	@ApiResponse(responseCode = "200", description = "A batch of events, possibly empty, or a request to resync")
	@ApiResponse(responseCode = "404", description = "Unknown or expired client: register again and reload from history")
	@ApiResponse(responseCode = "503", description = "This instance is at its limit of waiting polls; retry after `Retry-After`")
	Mono<EventBatch> events(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "The id from registration", example = "4f2a9c0e8b7d4e1f") @PathVariable @Pattern(regexp = CLIENT_ID) String clientId,
			@Parameter(description = "The batch id of the previous answer, acknowledging it", example = "17") @RequestParam(required = false) @Pattern(regexp = "[0-9]{0,19}") String ack,
			@Parameter(description = "Seconds to wait when nothing waits; capped by the server (default 25)",
					example = "25") @RequestParam(required = false) @Min(0) Integer timeout) {
		return this.longPolls.poll(AuthenticatedUser.id(token), clientId, ack, this.properties.effectiveTimeout(timeout));
	}

	@DeleteMapping("/api/chat/clients/{clientId}")
	@Operation(summary = "Close a client", description = "When the page closes; friends see me offline once no client is left.")
	@ApiResponse(responseCode = "204", description = "Closed (or already gone)")
	Mono<ResponseEntity<Void>> close(@AuthenticationPrincipal Jwt token,
			@PathVariable @Pattern(regexp = CLIENT_ID) String clientId) {
		return this.longPolls.close(AuthenticatedUser.id(token), clientId).thenReturn(ResponseEntity.noContent().build());
	}
}
