package io.webchat.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A fresh RSA key pair for the identity tokens of one run, written as PEM files: the gateway
 * gets both, the services only the public key. Nothing is reused between runs.
 */
public record IdentityKeyPair(Path privateKey, Path publicKey) {

	public static IdentityKeyPair generate(Path directory) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Files.createDirectories(directory);
			Path privateKey = directory.resolve("identity-token-private.pem");
			Path publicKey = directory.resolve("identity-token-public.pem");
			Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			return new IdentityKeyPair(privateKey, publicKey);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}
}
