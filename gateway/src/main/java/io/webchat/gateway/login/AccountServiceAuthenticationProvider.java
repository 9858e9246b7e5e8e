package io.webchat.gateway.login;

import java.util.List;
import java.util.Map;

import io.webchat.gateway.system.GatewayProperties;
import io.webchat.identity.IdentityTokenClaims;
import io.webchat.gateway.routing.ReusedIdentityTokens;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Logs a user in by asking account-service whether the password is right; the gateway never
 * sees a password hash. The question is asked with the gateway's own identity token, whose scope
 * is the only one account-service accepts for it.
 */
@Component
class AccountServiceAuthenticationProvider implements AuthenticationProvider {

	/** What registration accepts as a username (account-service's RegistrationRequest). */
	private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{3,32}");

	private final RestClient accountService;

	private final ReusedIdentityTokens tokens;

	private final LoginThrottle throttle;

	AccountServiceAuthenticationProvider(RestClient.Builder restClients, GatewayProperties properties,
			ReusedIdentityTokens tokens, LoginThrottle throttle) {
		this.accountService = restClients.baseUrl(properties.accountServiceUrl().toString()).build();
		this.tokens = tokens;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String password = String.valueOf(authentication.getCredentials());
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		if (!USERNAME.matcher(username.strip()).matches()) {
			// not a possible username: refused without asking account-service, counted against the address
			this.throttle.attempt("-", address);
			throw new BadCredentialsException("Invalid username or password");
		}
		this.throttle.attempt(username, address);
		ChatUser user;
		try {
			user = this.accountService.post()
				.uri("/internal/credentials/check")
				.headers((headers) -> headers.setBearerAuth(this.tokens
					.gatewayTokenFor(IdentityTokenClaims.ACCOUNT_SERVICE, IdentityTokenClaims.CREDENTIALS_CHECK_SCOPE)))
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("username", username, "password", password))
				.retrieve()
				.onStatus((status) -> status.isSameCodeAs(HttpStatus.UNAUTHORIZED), (request, response) -> {
					throw new BadCredentialsException("Invalid username or password");
				})
				.body(ChatUser.class);
		}
		catch (RestClientException ex) {
			throw new AuthenticationServiceException("account-service could not check the password", ex);
		}
		if (user == null) {
			throw new AuthenticationServiceException("account-service answered without a user");
		}
		this.throttle.succeeded(username, address);
		return UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority("ROLE_USER")));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
