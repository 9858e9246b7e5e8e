package io.webchat.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JarCopiesTests {

	@TempDir
	Path directory;

	@Test
	void aWholeJarIsCopiedAndStaysWhenTheBuildReplacesTheOriginal() throws IOException {
		Path built = jar(this.directory.resolve("target/chat-service-1.jar"), "first build");
		Path copy = JarCopies.copyWhole(built, this.directory.resolve("work/jars/chat-service.jar"));
		Files.writeString(built, "a build halfway through writing the jar");

		assertThat(copy).isRegularFile();
		try (var zip = new java.util.zip.ZipFile(copy.toFile())) {
			assertThat(zip.getEntry("build.txt")).isNotNull();
		}
	}

	@Test
	void aJarCaughtHalfWrittenIsNotTakenForACopy() throws IOException {
		Path halfWritten = this.directory.resolve("target/gateway-1.jar");
		Files.createDirectories(halfWritten.getParent());
		Files.write(halfWritten, new byte[] { 'P', 'K', 3, 4, 0, 0 });

		assertThatIllegalStateException()
			.isThrownBy(() -> JarCopies.copyWhole(halfWritten, this.directory.resolve("work/gateway.jar"),
					Duration.ofMillis(100)))
			.withMessageContaining("No complete copy");
	}

	private static Path jar(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
			jar.putNextEntry(new ZipEntry("build.txt"));
			jar.write(content.getBytes());
			jar.closeEntry();
		}
		return file;
	}
}
