package io.webchat.systemtest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol to empty the one logical database the tests own, without a
 * Redis client library on the test class path: {@code AUTH} (if the URL has a password),
 * {@code SELECT n} and {@code FLUSHDB}, never {@code FLUSHALL}.
 */
record RedisDatabase(String host, int port, int database, String username, String password) {

	static RedisDatabase of(String url) {
		URI uri = URI.create(url);
		if (!"redis".equals(uri.getScheme())) {
			throw new IllegalArgumentException("Not a redis:// URL: " + url);
		}
		String path = (uri.getPath() == null) ? "" : uri.getPath().replace("/", "");
		int database = path.isEmpty() ? 0 : Integer.parseInt(path);
		if (database == 0) {
			throw new IllegalArgumentException("The system tests empty their Redis database at the start; give them "
					+ "a database of their own, not 0 (e.g. redis://127.0.0.1:6379/12): " + url);
		}
		String username = null;
		String password = null;
		if (uri.getRawUserInfo() != null) {
			String[] parts = uri.getRawUserInfo().split(":", 2);
			if (parts.length == 2) {
				username = parts[0].isEmpty() ? null : decode(parts[0]);
				password = decode(parts[1]);
			}
			else {
				password = decode(parts[0]);
			}
		}
		return new RedisDatabase(uri.getHost(), (uri.getPort() == -1) ? 6379 : uri.getPort(), database, username,
				password);
	}

	/** {@code FLUSHDB} on this database only. */
	void flushDatabase() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			if (this.password != null) {
				List<String> auth = new ArrayList<>(List.of("AUTH"));
				if (this.username != null) {
					auth.add(this.username);
				}
				auth.add(this.password);
				command(out, in, auth.toArray(String[]::new));
			}
			command(out, in, "SELECT", Integer.toString(this.database));
			command(out, in, "FLUSHDB");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis at " + this.host + ":" + this.port + ": " + ex.getMessage(), ex);
		}
	}

	private static void command(OutputStream out, InputStream in, String... words) throws IOException {
		StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
			request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
		}
		out.write(request.toString().getBytes(StandardCharsets.UTF_8));
		out.flush();
		String reply = readLine(in);
		if (!reply.startsWith("+")) {
			throw new IOException(words[0] + " answered " + reply);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1) {
			if (c == '\r') {
				in.read(); // the '\n'
				return line.toString();
			}
			line.append((char) c);
		}
		throw new IOException("Redis closed the connection");
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}
}
