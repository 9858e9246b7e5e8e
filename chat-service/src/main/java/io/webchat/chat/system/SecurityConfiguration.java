package io.webchat.chat.system;

import io.webchat.identity.IdentityTokenClaims;
import io.webchat.identity.ReactiveServiceSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain chatSecurity(ServerHttpSecurity http) {
		return ReactiveServiceSecurity.statelessResourceServer(http)
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/api/chat/v3/api-docs/**", "/actuator/health/**", "/swagger-ui/**", "/swagger-ui.html",
						"/webjars/swagger-ui/**")
				.permitAll()
				.pathMatchers("/api/**")
				.hasAuthority("SCOPE_" + IdentityTokenClaims.USER_SCOPE)
				.anyExchange()
				.denyAll())
			.build();
	}

	/**
	 * No observation of each security filter, authentication and authorization: together a
	 * noticeable share of a request's CPU, for spans nobody reads. HTTP server metrics stay.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}
}
