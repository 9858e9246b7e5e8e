package io.webchat.account.system;

import io.webchat.identity.IdentityTokenClaims;
import io.webchat.problem.ApiProblemAdvice;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a {@code @WebMvcTest} of this service needs besides its controller: the real security
 * rules and the problem-details advice. Requests authenticate with {@link #user(long)}; no token
 * is ever decoded, so the decoder refuses any that arrives.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, ApiProblemAdvice.class })
public class ControllerSliceConfiguration {

	@Bean
	JwtDecoder refusingJwtDecoder() {
		return (token) -> {
			throw new BadJwtException("Controller slice tests authenticate with ControllerSliceConfiguration.user()");
		};
	}

	/** A request from the logged-in user {@code userId}, as the gateway's token would name them. */
	public static RequestPostProcessor user(long userId) {
		return SecurityMockMvcRequestPostProcessors.jwt()
			.jwt((claims) -> claims.subject(Long.toString(userId)))
			.authorities(new SimpleGrantedAuthority("SCOPE_" + IdentityTokenClaims.USER_SCOPE));
	}
}
