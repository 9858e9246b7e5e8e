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
			// the API document, like every other call, needs the gateway's token (Swagger UI reads
			// it through the gateway's route, which adds one)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/actuator/health/**")
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
