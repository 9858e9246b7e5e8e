package io.webchat.loadtest.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpConnectionTests {

	@Test
	void readsChunkedAndSizedAnswersOnOneKeptAliveConnection() throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			String answers = "HTTP/1.1 200 OK\r\nSet-Cookie: A=1; Path=/\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
					+ "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
			Thread.ofVirtual().start(() -> answer(server, answers));
			LongAdder wireBytes = new LongAdder();
			HttpConnection connection = HttpConnection.open("127.0.0.1", server.getLocalPort(), wireBytes);

			HttpConnection.Response first = connection.exchange("GET", "/a", "", null, 5000);
			HttpConnection.Response second = connection.exchange("POST", "/b", "", "{}".getBytes(), 5000);

			assertThat(first.status()).isEqualTo(200);
			assertThat(first.bodyText()).isEqualTo("hello world");
			assertThat(first.setCookies()).containsExactly("A=1; Path=/");
			assertThat(second.status()).isEqualTo(201);
			assertThat(second.bodyText()).isEqualTo("ok");
			assertThat(connection.isReusable()).isTrue();
			connection.close();
			String host = "Host: 127.0.0.1:" + server.getLocalPort() + "\r\n";
			String requests = "GET /a HTTP/1.1\r\n" + host + "\r\n" + "POST /b HTTP/1.1\r\n" + host
					+ "Content-Length: 2\r\n\r\n{}";
			assertThat(wireBytes.sum()).as("requests and answers, headers included")
				.isEqualTo(requests.length() + answers.length());
		}
	}

	private static void answer(ServerSocket server, String answers) {
		try (Socket socket = server.accept()) {
			OutputStream out = socket.getOutputStream();
			// both requests are read before answering, so the answers arrive in one piece
			byte[] buffer = new byte[4096];
			int read = 0;
			while (!new String(buffer, 0, read, StandardCharsets.ISO_8859_1).endsWith("{}")) {
				read += socket.getInputStream().read(buffer, read, buffer.length - read);
				if (new String(buffer, 0, read, StandardCharsets.ISO_8859_1).contains("GET /a")) {
					break;
				}
			}
			out.write(answers.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.getInputStream().read(buffer);
		}
		catch (IOException ex) {
			// the test fails on its own side
		}
	}
}
