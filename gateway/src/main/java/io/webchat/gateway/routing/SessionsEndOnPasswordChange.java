package io.webchat.gateway.routing;

import io.webchat.gateway.session.ChatUser;
import io.webchat.gateway.session.UserSessions;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;

/**
 * When account-service accepts a new password, every session of that user ends — on every
 * device and every gateway instance, this one included — so a stolen session does not outlive
 * the password it came from. Done before the answer is committed, so that the client's next
 * request already finds its session gone.
 */
final class SessionsEndOnPasswordChange {

	static final String PASSWORD_PATH = "/api/accounts/me/password";

	private SessionsEndOnPasswordChange() {
	}

	static GatewayFilter endSessionsAfterPasswordChange(UserSessions sessions) {
		return (exchange, chain) -> {
			HttpMethod method = exchange.getRequest().getMethod();
			if (!PASSWORD_PATH.equals(exchange.getRequest().getPath().value())
					|| !(HttpMethod.PUT.equals(method) || HttpMethod.POST.equals(method))) {
				return chain.filter(exchange);
			}
			exchange.getResponse().beforeCommit(() -> {
				HttpStatusCode status = exchange.getResponse().getStatusCode();
				if (status == null || !status.is2xxSuccessful()) {
					return Mono.empty();
				}
				return exchange.getPrincipal()
					.filter((principal) -> principal instanceof Authentication authentication
							&& authentication.getPrincipal() instanceof ChatUser)
					.flatMap((principal) -> sessions.endAll((ChatUser) ((Authentication) principal).getPrincipal()))
					// this request's own session as well, so that it is not saved again once answered
					.then(exchange.getSession().flatMap((session) -> session.invalidate()));
			});
			return chain.filter(exchange);
		};
	}
}
