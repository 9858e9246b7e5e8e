package io.webchat.account.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The passwords attackers try first, read once from {@code common-passwords.txt}. Compared without
 * regard to case, since "Password1" is guessed as early as "password1".
 */
final class CommonPasswords {

	private static final String RESOURCE = "common-passwords.txt";

	private static final Set<String> PASSWORDS = load();

	private CommonPasswords() {
	}

	static boolean contains(String password) {
		return PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
	}

	private static Set<String> load() {
		try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing next to " + CommonPasswords.class.getName());
			}
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				return reader.lines()
					.map(String::strip)
					.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
					.map((line) -> line.toLowerCase(Locale.ROOT))
					.collect(Collectors.toUnmodifiableSet());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
