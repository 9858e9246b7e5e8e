package io.webchat.loadtest.flood;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection to the gateway, as a page's browser holds it: requests are
 * written one after the other and each answer read to its end (Content-Length or chunks).
 */
final class WireConnection implements AutoCloseable {

	record Answer(int status, List<String> setCookies, String body) {
	}

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private WireConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 8192);
		this.out = socket.getOutputStream();
	}

	static WireConnection open(int port, int connectTimeoutMillis) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress("127.0.0.1", port), connectTimeoutMillis);
			return new WireConnection(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	Answer exchange(String method, String path, String headers, String body, int timeoutMillis) throws IOException {
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers
				+ ((body != null || method.equals("POST")) ? "Content-Length: " + content.length + "\r\n" : "") + "\r\n";
		this.socket.setSoTimeout(timeoutMillis);
		this.out.write(head.getBytes(StandardCharsets.US_ASCII));
		this.out.write(content);
		this.out.flush();
		String statusLine = line();
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("Not an HTTP answer: " + statusLine);
		}
		int status = Integer.parseInt(parts[1]);
		List<String> setCookies = new ArrayList<>();
		long length = -1;
		boolean chunked = false;
		for (String line = line(); !line.isEmpty(); line = line()) {
			int colon = line.indexOf(':');
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			switch (name) {
				case "set-cookie" -> setCookies.add(value);
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
				default -> {
				}
			}
		}
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer
				.parseInt(line().split(";")[0].trim(), 16)) {
				read.write(this.in.readNBytes(size));
				line();
			}
			line();
		}
		else if (length > 0) {
			read.write(this.in.readNBytes((int) length));
		}
		return new Answer(status, setCookies, read.toString(StandardCharsets.UTF_8));
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c == -1) {
				throw new EOFException("closed by the gateway");
			}
			if (c != '\r') {
				line.append((char) c);
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
