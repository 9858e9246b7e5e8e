package io.webchat.gateway.login;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;

/** What a login, by the form or by JSON, does to the session. */
@Configuration(proxyBeanMethods = false)
class LoginSessions {

	/** A new session id (against session fixation), then that id joins the user's sessions. */
	@Bean
	SessionAuthenticationStrategy loginSessionStrategy(UserSessions sessions) {
		SessionAuthenticationStrategy remember = (authentication, request, response) -> {
			if (authentication.getPrincipal() instanceof ChatUser user) {
				sessions.remember(user, request.getSession().getId());
			}
		};
		return new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(), remember));
	}
}
