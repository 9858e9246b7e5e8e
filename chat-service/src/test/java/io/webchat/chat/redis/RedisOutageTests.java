package io.webchat.chat.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.webchat.chat.ChatServiceIntegrationTest;
import io.webchat.testsupport.RedisServerProcess;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed ({@code kill -9}) under a running instance and started again: while it is gone
 * every call is refused at once with a 503 to retry, nothing hangs, and once it is back the
 * instance works again without a restart, waiting polls woken as before.
 */
class RedisOutageTests extends ChatServiceIntegrationTest {

	/** A refusal may take the command timeout (1 s) and a little more; never the poll's 25 s. */
	private static final Duration REFUSED_WITHIN = Duration.ofSeconds(2);

	static final RedisServerProcess redisServer = RedisServerProcess.start();

	@DynamicPropertySource
	static void redisOfItsOwn(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redisServer::url);
	}

	@Test
	void whileRedisIsGoneEveryCallIsRefusedAtOnceAndWhenItIsBackAllWorksAgain() {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		Client bobsPage = register(bob);
		assertThat(sendText(alice, bob, "before").getStatusCode().value()).isEqualTo(201);

		redisServer.kill();

		assertRefusedAtOnce(() -> sendText(alice, bob, "while it is gone"));
		assertRefusedAtOnce(() -> this.http.get()
			.uri("/api/chat/clients/{id}/events?timeout=25", bobsPage.id())
			.header("Authorization", bearer(bob))
			.retrieve()
			.toEntity(String.class));
		assertRefusedAtOnce(() -> this.http.post()
			.uri("/api/chat/clients")
			.header("Authorization", bearer(alice))
			.retrieve()
			.toEntity(String.class));
		assertRefusedAtOnce(
				() -> this.http.get().uri("/api/chat/unread").header("Authorization", bearer(bob)).retrieve().toEntity(String.class));

		redisServer.startAgain();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sendText(alice, bob, "back").getStatusCode().value()).isEqualTo(201));
		assertThat(receiveTexts(bobsPage, 2)).as("what was stored before the kill, and after").containsExactly("before",
				"back");
		assertThat(historyOf(bob, "single:" + alice)).doesNotContain("while it is gone");

		// the instance's one blocking pop is back too: a waiting poll is woken by a send, not its timeout
		CompletableFuture<Batch> waiting = CompletableFuture.supplyAsync(() -> poll(bobsPage, null, 20));
		String parked = ChatKeys.clientKey(bob, bobsPage.id(), "parked");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.redis.sync().exists(parked) == 1);
		long sent = System.nanoTime();
		assertThat(sendText(alice, bob, "wake up").getStatusCode().value()).isEqualTo(201);
		Batch woken = waiting.join();
		assertThat(woken.texts()).containsExactly("wake up");
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void aCallWhoseCommandIsInFlightWhenRedisDiesIsRefusedToRetry() throws Exception {
		long alice = newUserId();
		long bob = newUserId();
		givenFriends(alice, bob);
		try (Socket busy = keepRedisBusy()) {
			// the send's first command waits, written and unread, in the busy server's buffer: the
			// kill resets the connection under it rather than closing it
			CompletableFuture<ResponseEntity<String>> send = CompletableFuture
				.supplyAsync(() -> sendText(alice, bob, "in flight"));
			await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofMillis(900)).until(() -> !send.isDone());
			redisServer.kill();

			ResponseEntity<String> answer = send.join();
			assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(503);
			assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
		}
		finally {
			redisServer.startAgain();
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sendText(alice, bob, "back").getStatusCode().value()).isEqualTo(201));
	}

	/**
	 * Starts a script that keeps the server busy for three seconds, and returns once another
	 * connection's PING waits: commands sent now are queued unread until the script ends.
	 */
	private static Socket keepRedisBusy() throws IOException {
		URI url = URI.create(redisServer.url());
		Socket busy = new Socket();
		busy.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
		String script = "local t = redis.call('TIME'); local stop = t[1] * 1000000 + t[2] + 3000000; "
				+ "repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] >= stop";
		write(busy.getOutputStream(), "EVAL", script, "0");
		await().atMost(Duration.ofSeconds(5)).until(() -> !answersPingWithin(url, Duration.ofMillis(200)));
		return busy;
	}

	private static boolean answersPingWithin(URI url, Duration within) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
			socket.setSoTimeout((int) within.toMillis());
			write(socket.getOutputStream(), "PING");
			InputStream in = socket.getInputStream();
			return in.read() == '+';
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(OutputStream out, String... words) throws IOException {
		StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
				.append("\r\n");
		}
		out.write(command.toString().getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void assertRefusedAtOnce(Supplier<ResponseEntity<String>> call) {
		long start = System.nanoTime();
		ResponseEntity<String> answer = call.get();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
		assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(took).isLessThan(REFUSED_WITHIN);
	}
}
