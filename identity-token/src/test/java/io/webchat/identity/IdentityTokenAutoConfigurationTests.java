package io.webchat.identity;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Each web stack gets the kind of decoder its resource server asks for, and only that one. */
class IdentityTokenAutoConfigurationTests {

	@TempDir
	Path directory;

	@Test
	void aServletServiceGetsABlockingDecoder() {
		with(new WebApplicationContextRunner()).run((context) -> {
			assertThat(context).hasSingleBean(JwtDecoder.class);
			assertThat(context).doesNotHaveBean(ReactiveJwtDecoder.class);
		});
	}

	@Test
	void aWebFluxServiceGetsAReactiveDecoderThatChecksTheAudience() {
		GeneratedKeys keys = GeneratedKeys.in(this.directory, "key");
		with(new ReactiveWebApplicationContextRunner(), keys).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveJwtDecoder.class);
			assertThat(context).doesNotHaveBean(JwtDecoder.class);
			ReactiveJwtDecoder decoder = context.getBean(ReactiveJwtDecoder.class);
			assertThat(decoder.decode(keys.issuer().issueForUser(7, "alice", IdentityTokenClaims.CHAT_SERVICE))
				.block()
				.getSubject()).isEqualTo("7");
			assertThat(decoder.decode(keys.issuer().issueForUser(7, "alice", IdentityTokenClaims.ACCOUNT_SERVICE))
				.onErrorResume((ex) -> reactor.core.publisher.Mono.empty())
				.blockOptional()).isEmpty();
		});
	}

	@Test
	void aServiceThatNamesNoAudienceGetsNoDecoder() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityTokenAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveJwtDecoder.class)
				.doesNotHaveBean(JwtDecoder.class));
	}

	private <R extends AbstractApplicationContextRunner<R, ?, ?>> R with(R runner) {
		return with(runner, GeneratedKeys.in(this.directory, "key"));
	}

	private <R extends AbstractApplicationContextRunner<R, ?, ?>> R with(R runner, GeneratedKeys keys) {
		return runner.withConfiguration(AutoConfigurations.of(IdentityTokenAutoConfiguration.class))
			.withPropertyValues("webchat.identity-token.audience=" + IdentityTokenClaims.CHAT_SERVICE,
					"webchat.identity-token.public-key-location=" + keys.publicKeyUri());
	}
}
