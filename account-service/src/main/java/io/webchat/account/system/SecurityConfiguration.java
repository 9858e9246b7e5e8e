package io.webchat.account.system;

import io.webchat.identity.IdentityTokenClaims;
import io.webchat.identity.ServiceSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain accountSecurity(HttpSecurity http) throws Exception {
		ServiceSecurity.statelessResourceServer(http).authorizeHttpRequests((requests) -> requests
			// registration is the one public action; the API document, like every other call, needs
			// the gateway's token (Swagger UI reads it through the gateway's route, which adds one)
			.requestMatchers(HttpMethod.POST, "/api/accounts/users").permitAll()
			.requestMatchers("/actuator/health/**")
			.permitAll()
			.requestMatchers("/internal/credentials/**")
			.hasAuthority("SCOPE_" + IdentityTokenClaims.CREDENTIALS_CHECK_SCOPE)
			.requestMatchers("/api/**")
			.hasAuthority("SCOPE_" + IdentityTokenClaims.USER_SCOPE)
			.anyRequest()
			.denyAll());
		return http.build();
	}

	/** BCrypt today, with the {@code {id}} prefix that lets a later hash upgrade coexist. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}
}
