package io.webchat.gateway.login;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.webchat.gateway.client.ClientAddresses;
import io.webchat.gateway.config.GatewayProperties;
import io.webchat.gateway.session.ChatUser;
import io.webchat.gateway.token.ReusedIdentityTokens;
import io.webchat.identity.IdentityTokenClaims;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * Logs a user in by asking account-service whether the password is right; the gateway never
 * sees a password hash. The question is asked with the gateway's own identity token, whose scope
 * is the only one account-service accepts for it. Used by the login form and the JSON login.
 */
@Component
class AccountServiceAuthentication implements ReactiveAuthenticationManager {

	/** What registration accepts as a username (account-service's RegistrationRequest). */
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

	/** A password check that takes longer is answered as "cannot check passwords right now". */
	static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

	private final WebClient accountService;

	private final ReusedIdentityTokens tokens;

	private final LoginThrottle throttle;

	private final ClientAddresses clientAddresses;

	AccountServiceAuthentication(WebClient.Builder webClients, GatewayProperties properties,
			ReusedIdentityTokens tokens, LoginThrottle throttle, ClientAddresses clientAddresses) {
		this.accountService = webClients.baseUrl(properties.accountServiceUrl().toString()).build();
		this.tokens = tokens;
		this.throttle = throttle;
		this.clientAddresses = clientAddresses;
	}

	/**
	 * The client's address, for the throttle, comes from the exchange Spring Security keeps in
	 * the Reactor context of every request it filters.
	 */
	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String username = authentication.getName();
		String password = String.valueOf(authentication.getCredentials());
		return Mono.<Authentication>deferContextual((context) -> {
			String address = context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
				.map((exchange) -> this.clientAddresses.countedAddressOf(exchange.getRequest()))
				.orElse("unknown");
			if (!USERNAME.matcher(username.strip()).matches()) {
				// not a possible username: refused without asking account-service, counted against the address
				return this.throttle.attempt("-", address)
					.then(Mono.error(new BadCredentialsException("Invalid username or password")));
			}
			return this.throttle.attempt(username, address)
				.then(checkPassword(username, password))
				.flatMap((user) -> this.throttle.succeeded(username, address)
					.thenReturn(UsernamePasswordAuthenticationToken.authenticated(user, null,
							List.of(new SimpleGrantedAuthority("ROLE_USER")))));
		}).onErrorMap(DataAccessException.class,
				// the throttle's counters are in Redis: without them no password is checked
				(ex) -> new AuthenticationServiceException("The login throttle cannot count attempts", ex));
	}

	private Mono<ChatUser> checkPassword(String username, String password) {
		return this.accountService.post()
			.uri("/internal/credentials/check")
			.headers((headers) -> headers.setBearerAuth(this.tokens.gatewayTokenFor(IdentityTokenClaims.ACCOUNT_SERVICE,
					IdentityTokenClaims.CREDENTIALS_CHECK_SCOPE)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.retrieve()
			.onStatus((status) -> status.isSameCodeAs(HttpStatus.UNAUTHORIZED),
					(response) -> Mono.error(new BadCredentialsException("Invalid username or password")))
			.bodyToMono(ChatUser.class)
			.timeout(CHECK_TIMEOUT)
			.switchIfEmpty(Mono.error(() -> new AuthenticationServiceException("account-service answered without a user")))
			.onErrorMap((ex) -> !(ex instanceof AuthenticationException),
					(ex) -> new AuthenticationServiceException("account-service could not check the password", ex));
	}
}
