package io.webchat.gateway.login;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.webchat.gateway.session.ChatUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Login for API clients (scripts, the load test, Swagger users): the same check, the same
 * session under a new id and the same cookies as the login form, as JSON. Throttled like the form.
 */
@RestController
@Hidden
class ApiLoginController {

	private final ReactiveAuthenticationManager authentication;

	private final ServerSecurityContextRepository contexts;

	private final LoginSucceeded loginSucceeded;

	ApiLoginController(ReactiveAuthenticationManager authentication, ServerSecurityContextRepository contexts,
			LoginSucceeded loginSucceeded) {
		this.authentication = authentication;
		this.contexts = contexts;
		this.loginSucceeded = loginSucceeded;
	}

	@Operation(summary = "Log in with JSON", description = "Answers the user and sets the session cookie.")
	@PostMapping(path = "/api/session", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ChatUser> login(@Valid @RequestBody Credentials credentials, ServerWebExchange exchange) {
		return this.authentication
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(credentials.username(), credentials.password()))
			.flatMap((authenticated) -> this.contexts.save(exchange, new SecurityContextImpl(authenticated))
				.then(this.loginSucceeded.renewCsrfToken(exchange))
				.thenReturn((ChatUser) authenticated.getPrincipal()));
	}

	@ExceptionHandler(LoginThrottledException.class)
	ResponseEntity<ProblemDetail> throttled(LoginThrottledException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed logins. Try again in " + ex.retryAfterSeconds() + " s.");
		problem.setType(URI.create("urn:webchat:problem:login-throttled"));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(AuthenticationServiceException.class)
	ResponseEntity<ProblemDetail> unavailable(AuthenticationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Passwords cannot be checked right now; try again shortly.");
		problem.setType(URI.create("urn:webchat:problem:login-unavailable"));
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> refused(AuthenticationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Invalid username or password.");
		problem.setType(URI.create("urn:webchat:problem:bad-credentials"));
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	record Credentials(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 200) String password) {

		@Override
		public String toString() {
			return "Credentials[username=" + this.username + "]";
		}

	}
}
