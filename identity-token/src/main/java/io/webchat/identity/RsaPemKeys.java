package io.webchat.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;

/** Reads the RSA keys of the identity token from PEM files (env / mounted file / classpath). */
final class RsaPemKeys {

	private RsaPemKeys() {
	}

	static RSAPublicKey readPublicKey(Resource location) {
		try (InputStream in = require(location, "public-key-location").getInputStream()) {
			return RsaKeyConverters.x509().convert(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the identity token public key from " + location, ex);
		}
	}

	static RSAPrivateKey readPrivateKey(Resource location) {
		try (InputStream in = require(location, "private-key-location").getInputStream()) {
			return RsaKeyConverters.pkcs8().convert(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the identity token private key from " + location, ex);
		}
	}

	/**
	 * The key's {@code kid}: its RFC 7638 thumbprint, so gateway and services agree on it without
	 * configuring names, and two different keys never share one.
	 */
	static String keyId(RSAPublicKey key) {
		try {
			return new RSAKey.Builder(key).build().computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot compute the thumbprint of an RSA key", ex);
		}
	}

	private static Resource require(Resource location, String property) {
		if (location == null || !location.exists()) {
			throw new IllegalStateException("webchat.identity-token." + property + " must name an existing PEM file, was "
					+ location);
		}
		return location;
	}
}
