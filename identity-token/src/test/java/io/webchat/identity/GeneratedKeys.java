package io.webchat.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/** A fresh RSA key pair as PEM files in {@code directory}, and an issuer of tokens signed with it. */
record GeneratedKeys(Resource publicKey, Resource privateKey) {

	static GeneratedKeys in(Path directory, String name) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Path privateKey = write(directory.resolve(name + "-private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
			Path publicKey = write(directory.resolve(name + "-public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
			return new GeneratedKeys(new FileSystemResource(publicKey), new FileSystemResource(privateKey));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	IdentityTokenIssuer issuer() {
		return new IdentityTokenIssuer(new IdentityTokenProperties("webchat-gateway", null, this.publicKey, List.of(),
				this.privateKey, Duration.ofSeconds(30)), Clock.systemUTC());
	}

	String publicKeyUri() {
		try {
			return this.publicKey.getURI().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path write(Path file, String type, byte[] der) {
		try {
			return Files.writeString(file, "-----BEGIN " + type + "-----\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der) + "\n-----END " + type + "-----\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
