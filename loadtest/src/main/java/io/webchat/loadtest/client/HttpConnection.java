package io.webchat.loadtest.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One keep-alive HTTP/1.1 connection with a blocking socket, used from one virtual thread at a
 * time. The load tool needs nothing more (no TLS, no redirects, no HTTP/2), and this costs far
 * less CPU per request than a general-purpose client — the tool shares two cores with the
 * system it measures.
 */
final class HttpConnection implements Closeable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final String host;

	private final LongAdder wireBytes;

	private boolean open = true;

	private long lastUsedNanos = System.nanoTime();

	private HttpConnection(Socket socket, String host, LongAdder wireBytes) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(new CountingInputStream(socket.getInputStream(), wireBytes), 8192);
		this.out = socket.getOutputStream();
		this.host = host;
		this.wireBytes = wireBytes;
	}

	/**
	 * @param wireBytes counts every byte this connection writes and reads, headers included
	 */
	static HttpConnection open(String host, int port, LongAdder wireBytes) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(host, port), 10_000);
			return new HttpConnection(socket, host + ":" + port, wireBytes);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/** What came back; only what the load tool reads. */
	record Response(int status, List<String> setCookies, byte[] body) {

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * Sends one request and reads its whole answer.
	 * @param headers extra header lines, each {@code "Name: value\r\n"}
	 * @param body {@code null} for none
	 */
	Response exchange(String method, String path, String headers, byte[] body, int timeoutMillis) throws IOException {
		this.socket.setSoTimeout(timeoutMillis);
		StringBuilder head = new StringBuilder(256).append(method)
			.append(' ')
			.append(path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(this.host)
			.append("\r\n")
			.append(headers);
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		else if (!"GET".equals(method)) {
			head.append("Content-Length: 0\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		if (body != null) {
			byte[] request = new byte[headBytes.length + body.length];
			System.arraycopy(headBytes, 0, request, 0, headBytes.length);
			System.arraycopy(body, 0, request, headBytes.length, body.length);
			this.out.write(request);
			this.wireBytes.add(request.length);
		}
		else {
			this.out.write(headBytes);
			this.wireBytes.add(headBytes.length);
		}
		this.out.flush();
		Response response = read();
		this.lastUsedNanos = System.nanoTime();
		return response;
	}

	private Response read() throws IOException {
		String statusLine = line();
		if (statusLine == null) {
			this.open = false;
			throw new EOFException("Connection closed before an answer");
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long contentLength = -1;
		boolean chunked = false;
		List<String> setCookies = new ArrayList<>(2);
		for (String header = line(); header != null && !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				contentLength = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				this.open = false;
			}
			else if (name.equalsIgnoreCase("Set-Cookie")) {
				setCookies.add(value);
			}
		}
		byte[] body;
		if (chunked) {
			ByteArrayOutputStream chunks = new ByteArrayOutputStream();
			while (true) {
				String sizeLine = line();
				if (sizeLine == null) {
					throw new EOFException("Connection closed inside a chunked answer");
				}
				int semicolon = sizeLine.indexOf(';');
				int size = Integer.parseInt((semicolon < 0) ? sizeLine.trim() : sizeLine.substring(0, semicolon).trim(), 16);
				if (size == 0) {
					for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
						// trailers are not used
					}
					break;
				}
				chunks.write(readExactly(size));
				line();
			}
			body = chunks.toByteArray();
		}
		else if (contentLength >= 0) {
			body = readExactly((int) contentLength);
		}
		else if (status == 204 || status == 304) {
			body = new byte[0];
		}
		else {
			body = this.in.readAllBytes();
			this.open = false;
		}
		return new Response(status, setCookies, body);
	}

	private byte[] readExactly(int length) throws IOException {
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length < length) {
			this.open = false;
			throw new EOFException("Connection closed inside an answer");
		}
		return bytes;
	}

	/** One header line without its CRLF, or {@code null} at the end of the stream. */
	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		int c;
		while ((c = this.in.read()) != -1) {
			if (c == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) c);
		}
		return line.isEmpty() ? null : line.toString();
	}

	boolean isReusable() {
		return this.open && !this.socket.isClosed();
	}

	long idleNanos() {
		return System.nanoTime() - this.lastUsedNanos;
	}

	@Override
	public void close() {
		this.open = false;
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** Counts what is read from the socket, before any buffering. */
	private static final class CountingInputStream extends FilterInputStream {

		private final LongAdder count;

		CountingInputStream(InputStream in, LongAdder count) {
			super(in);
			this.count = count;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count.increment();
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.count.add(n);
			}
			return n;
		}

	}
}
