package io.webchat.identity;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Gives a service the decoder for its identity tokens once it names its audience: a
 * {@link ReactiveJwtDecoder} for a WebFlux service, a {@link JwtDecoder} otherwise.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@EnableConfigurationProperties(IdentityTokenProperties.class)
public class IdentityTokenAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(NotReactive.class)
	static class BlockingDecoder {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnProperty(prefix = "webchat.identity-token", name = "audience")
		JwtDecoder identityTokenDecoder(IdentityTokenProperties properties) {
			return IdentityTokenDecoders.forService(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveDecoder {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnProperty(prefix = "webchat.identity-token", name = "audience")
		ReactiveJwtDecoder reactiveIdentityTokenDecoder(IdentityTokenProperties properties) {
			return IdentityTokenDecoders.forReactiveService(properties);
		}

	}

	static class NotReactive extends NoneNestedConditions {

		NotReactive() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		static class Reactive {

		}

	}
}
