package io.webchat.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rotating the gateway's key: the services accept the old and the new key while the gateway
 * switches, chosen by the token's {@code kid}, and refuse the old one once it is dropped.
 */
class IdentityTokenRotationTests {

	@TempDir
	Path directory;

	@Test
	void namesItsKeyByThumbprintInTheTokenHeader() throws Exception {
		Keys key = keys("a");
		String token = key.issuer().issueForUser(7, "alice", IdentityTokenClaims.CHAT_SERVICE);
		RSAPublicKey publicKey = org.springframework.security.converter.RsaKeyConverters.x509()
			.convert(key.publicKey().getInputStream());

		assertThat(decoder(key.publicKey(), List.of()).decode(token).getHeaders()).containsEntry("kid",
				RsaPemKeys.keyId(publicKey));
	}

	@Test
	void acceptsTheOldAndTheNewKeyDuringARotation() throws Exception {
		Keys old = keys("old");
		Keys next = keys("next");
		JwtDecoder rotating = decoder(next.publicKey(), List.of(old.publicKey()));

		assertThat(rotating.decode(old.issuer().issueForUser(1, "a", IdentityTokenClaims.CHAT_SERVICE)).getSubject())
			.isEqualTo("1");
		assertThat(rotating.decode(next.issuer().issueForUser(2, "b", IdentityTokenClaims.CHAT_SERVICE)).getSubject())
			.isEqualTo("2");
	}

	@Test
	void refusesTheOldKeyOnceTheRotationIsDone() throws Exception {
		Keys old = keys("old");
		Keys next = keys("next");
		JwtDecoder rotated = decoder(next.publicKey(), List.of());

		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> rotated.decode(old.issuer().issueForUser(1, "a", IdentityTokenClaims.CHAT_SERVICE)));
	}

	@Test
	void acceptsOnlyTheGatewayAsIssuer() throws Exception {
		Keys key = keys("a");
		JwtDecoder decoder = decoder(key.publicKey(), List.of());

		assertThat(decoder.decode(key.issuer().issueForUser(7, "alice", IdentityTokenClaims.CHAT_SERVICE))
			.getClaimAsString(JwtClaimNames.ISS)).isEqualTo("webchat-gateway");
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decoder.decode(key.issuer("someone-else").issueForUser(7, "alice",
					IdentityTokenClaims.CHAT_SERVICE)))
			.withMessageContaining("iss");
	}

	@Test
	void anEmptyListOfPreviousKeysMeansNone() throws Exception {
		Keys key = keys("only");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IdentityTokenAutoConfiguration.class))
			.withPropertyValues("webchat.identity-token.audience=chat-service",
					"webchat.identity-token.public-key-location=" + key.publicKey().getURI(),
					"webchat.identity-token.previous-public-key-locations=")
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtDecoder.class);
				assertThat(context.getBean(IdentityTokenProperties.class).previousPublicKeyLocations()).isEmpty();
			});
	}

	private JwtDecoder decoder(Resource current, List<Resource> previous) {
		return IdentityTokenDecoders.forService(new IdentityTokenProperties("webchat-gateway", "chat-service", current,
				previous, null, Duration.ofSeconds(30)));
	}

	private Keys keys(String name) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		Path privateKey = write(name + "-private.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());
		Path publicKey = write(name + "-public.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
		return new Keys(new FileSystemResource(publicKey), new FileSystemResource(privateKey));
	}

	private Path write(String file, String type, byte[] der) throws IOException {
		return Files.writeString(this.directory.resolve(file), "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der) + "\n-----END " + type + "-----\n");
	}

	private record Keys(Resource publicKey, Resource privateKey) {

		IdentityTokenIssuer issuer() {
			return issuer("webchat-gateway");
		}

		IdentityTokenIssuer issuer(String name) {
			return new IdentityTokenIssuer(
					new IdentityTokenProperties(name, null, this.publicKey, List.of(), this.privateKey,
							Duration.ofSeconds(30)),
					Clock.systemUTC());
		}

	}
}
