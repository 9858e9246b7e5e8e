package io.webchat.gateway.routing;

import java.util.function.BiFunction;

import io.webchat.gateway.login.ChatUser;
import io.webchat.gateway.login.UserSessions;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * When account-service accepts a new password, every session of that user ends — on every
 * device, this one included — so a stolen session does not outlive the password it came from.
 */
final class SessionsEndOnPasswordChange {

	static final String PASSWORD_PATH = "/api/accounts/me/password";

	private SessionsEndOnPasswordChange() {
	}

	static BiFunction<ServerRequest, ServerResponse, ServerResponse> endSessionsAfterPasswordChange(
			UserSessions sessions) {
		return (request, response) -> {
			boolean passwordChanged = PASSWORD_PATH.equals(request.path())
					&& (HttpMethod.PUT.equals(request.method()) || HttpMethod.POST.equals(request.method()))
					&& response.statusCode().is2xxSuccessful();
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (passwordChanged && authentication != null && authentication.getPrincipal() instanceof ChatUser user) {
				sessions.endAll(user);
				// this request's own session through the request as well, so that it is not saved
				// again once the answer is written
				HttpSession current = request.servletRequest().getSession(false);
				if (current != null) {
					current.invalidate();
				}
			}
			return response;
		};
	}
}
