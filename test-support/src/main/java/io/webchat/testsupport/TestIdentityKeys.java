package io.webchat.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import io.webchat.identity.IdentityTokenIssuer;
import io.webchat.identity.IdentityTokenProperties;

import org.springframework.core.io.FileSystemResource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * RSA key pairs made for the tests, as PEM files, and issuers of identity tokens signed with
 * them. {@link #TRUSTED} is the pair the services under test are configured with;
 * {@link #untrusted()} makes tokens no service should accept.
 */
public record TestIdentityKeys(Path privateKey, Path publicKey) {

	public static final String ISSUER = "webchat-gateway";

	public static final TestIdentityKeys TRUSTED = generate();

	public static TestIdentityKeys untrusted() {
		return generate();
	}

	/** Points a service under test at {@link #TRUSTED}'s public key. */
	public static void registerTrustedPublicKey(DynamicPropertyRegistry registry) {
		registry.add("webchat.identity-token.public-key-location", () -> TRUSTED.publicKey().toUri().toString());
		registry.add("webchat.identity-token.private-key-location", () -> TRUSTED.privateKey().toUri().toString());
		registry.add("webchat.identity-token.issuer", () -> ISSUER);
	}

	public IdentityTokenIssuer issuer() {
		return issuer(ISSUER, Clock.systemUTC());
	}

	public IdentityTokenIssuer issuer(String issuer, Clock clock) {
		return new IdentityTokenIssuer(new IdentityTokenProperties(issuer, null,
				new FileSystemResource(this.publicKey), java.util.List.of(), new FileSystemResource(this.privateKey),
				Duration.ofSeconds(30)), clock);
	}

	private static TestIdentityKeys generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Path directory = Files.createTempDirectory("webchat-test-keys");
			Path privateKey = directory.resolve("private.pem");
			Path publicKey = directory.resolve("public.pem");
			Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			privateKey.toFile().deleteOnExit();
			publicKey.toFile().deleteOnExit();
			directory.toFile().deleteOnExit();
			return new TestIdentityKeys(privateKey, publicKey);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}
}
