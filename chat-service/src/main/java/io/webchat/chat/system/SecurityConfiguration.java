package io.webchat.chat.system;

import io.webchat.identity.IdentityTokenClaims;
import io.webchat.identity.ServiceSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain chatSecurity(HttpSecurity http) throws Exception {
		ServiceSecurity.statelessResourceServer(http).authorizeHttpRequests((requests) -> requests
			.requestMatchers("/api/chat/v3/api-docs/**", "/actuator/health/**", "/swagger-ui/**", "/swagger-ui.html")
			.permitAll()
			.requestMatchers("/api/**")
			.hasAuthority("SCOPE_" + IdentityTokenClaims.USER_SCOPE)
			.anyRequest()
			.denyAll());
		return http.build();
	}
}
