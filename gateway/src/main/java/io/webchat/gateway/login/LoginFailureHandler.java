package io.webchat.gateway.login;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * A wrong password goes back to the form with an error, an account-service that cannot check it
 * with a different one; a throttled login is answered 429 with {@code Retry-After}, showing the
 * form with a message that says when to try again.
 */
public class LoginFailureHandler implements AuthenticationFailureHandler {

	private final AuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");

	private final AuthenticationFailureHandler unavailable = new SimpleUrlAuthenticationFailureHandler(
			"/login?unavailable");

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof LoginThrottledException throttled) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
			request.setAttribute("retryAfterSeconds", throttled.retryAfterSeconds());
			// not back to /login: this POST would be taken for another login attempt
			request.getRequestDispatcher(LoginPageController.THROTTLED_PATH).forward(request, response);
			return;
		}
		if (exception instanceof org.springframework.security.authentication.AuthenticationServiceException) {
			this.unavailable.onAuthenticationFailure(request, response, exception);
			return;
		}
		this.wrongPassword.onAuthenticationFailure(request, response, exception);
	}
}
