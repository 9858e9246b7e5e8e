package io.webchat.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One TCP connection to the gateway, written and read byte by byte, as a misbehaving client (or
 * a careful test) would: it shows when the gateway closes the connection, and whether two
 * requests really went over the same one.
 */
final class RawConnection implements AutoCloseable {

	/** A response as read off the wire; header names in lower case. */
	record Answer(int status, Map<String, String> headers, String body) {
	}

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	RawConnection(int port) {
		try {
			this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
			this.socket.setTcpNoDelay(true);
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void send(String text) throws IOException {
		this.out.write(text.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
	}

	/** A GET with the session cookie of a logged-in browser, kept alive. */
	void sendGet(String pathAndQuery, String sessionId) throws IOException {
		send("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nCookie: " + BrowserLikeClient.SESSION_COOKIE + "="
				+ sessionId + "\r\n\r\n");
	}

	/**
	 * Waits up to {@code atMost} for the gateway to close the connection without a word, and says
	 * how long that took; fails if it answered something or kept the connection open.
	 */
	Duration awaitClosed(Duration atMost) throws IOException {
		long start = System.nanoTime();
		this.socket.setSoTimeout((int) atMost.toMillis());
		try {
			int read = this.in.read();
			if (read != -1) {
				throw new AssertionError("the gateway answered instead of closing the connection");
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the connection is still open after " + atMost);
		}
		catch (SocketException ex) {
			// reset: closed with bytes of ours unread, also a close
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Waits up to {@code atMost} for the gateway to close the connection, whatever it answers
	 * first, and says how long that took.
	 */
	Duration awaitEnd(Duration atMost) throws IOException {
		long start = System.nanoTime();
		this.socket.setSoTimeout((int) atMost.toMillis());
		try {
			while (this.in.read() != -1) {
				// an answer before the close is allowed
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the connection is still open after " + atMost);
		}
		catch (SocketException ex) {
			// reset: also a close
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** Whether the connection is still open after {@code wait} with nothing to read. */
	boolean isOpenAfter(Duration wait) throws IOException {
		this.socket.setSoTimeout((int) wait.toMillis());
		try {
			return this.in.read() != -1;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		catch (SocketException ex) {
			return false;
		}
	}

	/** Reads one response: its head, and a body of {@code Content-Length} or chunks. */
	Answer readAnswer(Duration atMost) throws IOException {
		this.socket.setSoTimeout((int) atMost.toMillis());
		String statusLine = readLine();
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (headers.containsKey("content-length")) {
			body.write(this.in.readNBytes(Integer.parseInt(headers.get("content-length"))));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer
				.parseInt(readLine().trim(), 16)) {
				body.write(this.in.readNBytes(size));
				readLine();
			}
			readLine();
		}
		return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
				body.toString(StandardCharsets.UTF_8));
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int read = this.in.read(); read != '\n'; read = this.in.read()) {
			if (read == -1) {
				throw new IOException("the gateway closed the connection; read so far: " + line);
			}
			if (read != '\r') {
				line.append((char) read);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}
}
