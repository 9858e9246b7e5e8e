package io.webchat.gateway.system;

import java.time.Clock;

import io.webchat.identity.IdentityTokenIssuer;
import io.webchat.identity.IdentityTokenProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityTokenConfiguration {

	@Bean
	IdentityTokenIssuer identityTokenIssuer(IdentityTokenProperties properties) {
		return new IdentityTokenIssuer(properties, Clock.systemUTC());
	}
}
