package io.webchat.identity;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Gives a service the decoder for its identity tokens once it names its audience. */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties(IdentityTokenProperties.class)
public class IdentityTokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "webchat.identity-token", name = "audience")
	JwtDecoder identityTokenDecoder(IdentityTokenProperties properties) {
		return IdentityTokenDecoders.forService(properties);
	}
}
