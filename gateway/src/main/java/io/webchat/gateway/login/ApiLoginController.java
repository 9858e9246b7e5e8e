package io.webchat.gateway.login;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login for API clients (scripts, the load test, Swagger users): the same check and the same
 * session cookie as the login form, as JSON. Throttled like the form.
 */
@RestController
@Hidden
class ApiLoginController {

	private final AuthenticationManager authentication;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final SessionAuthenticationStrategy loginSessionStrategy;

	private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

	ApiLoginController(AuthenticationManager authentication, SessionAuthenticationStrategy loginSessionStrategy) {
		this.authentication = authentication;
		this.loginSessionStrategy = loginSessionStrategy;
	}

	@Operation(summary = "Log in with JSON", description = "Answers the user and sets the session cookie.")
	@PostMapping(path = "/api/session", consumes = MediaType.APPLICATION_JSON_VALUE)
	ChatUser login(@Valid @RequestBody Credentials credentials, HttpServletRequest request, HttpServletResponse response) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken
			.unauthenticated(credentials.username(), credentials.password());
		attempt.setDetails(this.details.buildDetails(request));
		Authentication authenticated = this.authentication.authenticate(attempt);
		// a new session id after login, remembered among the user's sessions, as the form login does
		this.loginSessionStrategy.onAuthentication(authenticated, request, response);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authenticated);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		return (ChatUser) authenticated.getPrincipal();
	}

	@ExceptionHandler(LoginThrottledException.class)
	ResponseEntity<ProblemDetail> throttled(LoginThrottledException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed logins. Try again in " + ex.retryAfterSeconds() + " s.");
		problem.setType(java.net.URI.create("urn:webchat:problem:login-throttled"));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(org.springframework.security.authentication.AuthenticationServiceException.class)
	ResponseEntity<ProblemDetail> unavailable(AuthenticationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Passwords cannot be checked right now; try again shortly.");
		problem.setType(java.net.URI.create("urn:webchat:problem:login-unavailable"));
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> refused(AuthenticationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Invalid username or password.");
		problem.setType(java.net.URI.create("urn:webchat:problem:bad-credentials"));
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	record Credentials(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 200) String password) {

		@Override
		public String toString() {
			return "Credentials[username=" + this.username + "]";
		}

	}
}
