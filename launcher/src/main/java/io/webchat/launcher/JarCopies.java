package io.webchat.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.zip.ZipFile;

/** Copies of the services' jars that a build running meanwhile cannot change. */
final class JarCopies {

	private static final Duration WAIT_FOR_A_WHOLE_JAR = Duration.ofMinutes(3);

	private JarCopies() {
	}

	/**
	 * Copies {@code jar} to {@code copy}; a jar caught half-written by a build is copied again,
	 * every 2 s, until the copy is a readable jar of a source that did not change meanwhile.
	 */
	static Path copyWhole(Path jar, Path copy) {
		return copyWhole(jar, copy, WAIT_FOR_A_WHOLE_JAR);
	}

	static Path copyWhole(Path jar, Path copy, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		IOException last = null;
		try {
			Files.createDirectories(copy.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + copy.getParent(), ex);
		}
		while (System.nanoTime() < deadline) {
			try {
				if (copiedWhole(jar, copy)) {
					return copy;
				}
			}
			catch (IOException ex) {
				last = ex;
			}
			try {
				Thread.sleep(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("No complete copy of " + jar + " within " + patience
				+ " (is a build rewriting it?)", last);
	}

	private static boolean copiedWhole(Path source, Path copy) throws IOException {
		FileTime modifiedBefore = Files.getLastModifiedTime(source);
		long sizeBefore = Files.size(source);
		Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
		try (ZipFile zip = new ZipFile(copy.toFile())) {
			if (zip.getEntry("META-INF/MANIFEST.MF") == null) {
				return false;
			}
		}
		return Files.getLastModifiedTime(source).equals(modifiedBefore) && Files.size(source) == sizeBefore
				&& Files.size(copy) == sizeBefore;
	}
}
