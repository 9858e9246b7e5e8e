package io.webchat.systemtest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.webchat.systemtest.GatewayUser.GatewayUnreachable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request some clients made while parts of the system failed under them: what it was,
 * when it started, how long it took against how long it may, and what it was answered — or
 * which gateway did not answer at all. What a user relies on is then checked on all of them.
 */
final class RecordedCalls {

	/**
	 * How much longer than its own waiting (a poll's timeout, nothing for any other call) a
	 * request may take: a refusal is meant to come at once, not after a hang.
	 */
	static final Duration GRACE = Duration.ofSeconds(2);

	/**
	 * One request.
	 *
	 * @param status the HTTP status, 0 when no gateway answered
	 * @param retryAfter the Retry-After header, if any
	 * @param unreachable the gateway that did not answer, if none did
	 */
	record Call(String what, Instant started, Duration took, Duration mayTake, int status, String retryAfter,
			URI unreachable, String answer) {

		boolean isRefusalToRetry() {
			return this.status == 503 && this.retryAfter != null && !this.retryAfter.isBlank();
		}

		@Override
		public String toString() {
			return "%s at %s: %s in %d ms (may take %d ms)%s: %s".formatted(this.what, this.started,
					(this.unreachable != null) ? "no answer from " + this.unreachable : this.status, this.took.toMillis(),
					this.mayTake.toMillis(), (this.retryAfter != null) ? ", Retry-After " + this.retryAfter : "",
					(this.answer.length() > 300) ? this.answer.substring(0, 300) + "…" : this.answer);
		}
	}

	private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

	/**
	 * Makes the request and records it: {@code waits} is how long it is meant to wait (a poll's
	 * timeout), and it may take {@link #GRACE} more. A gateway that did not answer is recorded,
	 * then rethrown.
	 */
	HttpResponse<String> call(String what, Duration waits, Supplier<HttpResponse<String>> request) {
		Instant started = Instant.now();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = request.get();
			this.calls.add(new Call(what, started, Duration.ofNanos(System.nanoTime() - start), waits.plus(GRACE),
					response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), null,
					response.body()));
			return response;
		}
		catch (GatewayUnreachable ex) {
			this.calls.add(new Call(what, started, Duration.ofNanos(System.nanoTime() - start), waits.plus(GRACE), 0,
					null, ex.gateway(), String.valueOf(ex.getCause())));
			throw ex;
		}
	}

	HttpResponse<String> call(String what, Supplier<HttpResponse<String>> request) {
		return call(what, Duration.ZERO, request);
	}

	List<Call> since(Instant from) {
		return this.calls.stream().filter((call) -> !call.started().isBefore(from)).toList();
	}

	/**
	 * Since {@code from}: no 4xx (no session lost, no client forgotten, nothing refused as
	 * invalid), no 5xx but a 503 with Retry-After, nothing slower than it may be, and no call
	 * without an answer but those to a gateway the test killed.
	 */
	void assertUsersGotOnlyAnswersToActOn(Instant from, Set<URI> killedGateways) {
		List<Call> calls = since(from);
		assertThat(calls).as("calls recorded").isNotEmpty();
		assertThat(calls).as("answered 4xx").filteredOn((call) -> call.status() >= 400 && call.status() < 500).isEmpty();
		assertThat(calls).as("answered 5xx other than 503 with Retry-After")
			.filteredOn((call) -> call.status() >= 500 && !call.isRefusalToRetry())
			.isEmpty();
		assertThat(calls).as("slower than their timeout + %s", GRACE)
			.filteredOn((call) -> call.took().compareTo(call.mayTake()) > 0)
			.isEmpty();
		assertThat(calls).as("without an answer from a gateway that was not killed")
			.filteredOn((call) -> call.unreachable() != null && !killedGateways.contains(call.unreachable()))
			.isEmpty();
	}

	/** Per kind of call: how many got which answer, and the slowest against what it may take. */
	String summary(Instant from) {
		Map<String, List<Call>> byKind = since(from).stream()
			.collect(Collectors.groupingBy(Call::what, TreeMap::new, Collectors.toList()));
		StringBuilder summary = new StringBuilder();
		byKind.forEach((what, calls) -> {
			Map<String, Long> answers = calls.stream()
				.collect(Collectors.groupingBy((call) -> (call.status() == 0) ? "no answer" : Integer.toString(call.status()),
						TreeMap::new, Collectors.counting()));
			Call slowest = calls.stream().max((a, b) -> a.took().compareTo(b.took())).orElseThrow();
			summary.append("\n  %-28s %5d calls %s, slowest %d ms (may take %d ms)".formatted(what, calls.size(), answers,
					slowest.took().toMillis(), slowest.mayTake().toMillis()));
		});
		return summary.toString();
	}
}
