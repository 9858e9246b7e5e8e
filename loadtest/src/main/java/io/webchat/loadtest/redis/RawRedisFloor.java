package io.webchat.loadtest.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.webchat.loadtest.measure.Latencies;
import io.webchat.loadtest.measure.LatencySummary;
import io.webchat.loadtest.measure.OpenLoop;

/**
 * The floor webchat is compared with: the same number of consumers, each blocked in
 * {@code BLPOP} on a Lettuce connection of its own, and one producer doing {@code RPUSH} at the
 * same open-loop rate, on the same Redis and the same machine. Nothing webchat does can deliver
 * faster than this.
 */
public final class RawRedisFloor implements AutoCloseable {

	private static final String PREFIX = "loadtest:floor:";

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> producer;

	private final List<StatefulRedisConnection<String, String>> consumers = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong received = new AtomicLong();

	private volatile Latencies current = new Latencies();

	public RawRedisFloor(String redisUrl, int consumerCount) {
		this.client = RedisClient.create(RedisURI.create(redisUrl));
		this.producer = this.client.connect();
		List<CompletableFuture<StatefulRedisConnection<String, String>>> connecting = new ArrayList<>();
		for (int i = 0; i < consumerCount; i++) {
			connecting.add(this.client.connectAsync(StringCodec.UTF8, RedisURI.create(redisUrl)).toCompletableFuture());
		}
		connecting.forEach((future) -> this.consumers.add(future.join()));
		for (int i = 0; i < consumerCount; i++) {
			consume(i);
		}
	}

	private void consume(int consumer) {
		if (!this.running.get()) {
			return;
		}
		this.consumers.get(consumer).async().blpop(10, PREFIX + consumer).whenComplete((popped, error) -> {
			if (popped != null) {
				this.current.recordNanos(System.nanoTime() - Long.parseLong(popped.getValue()));
				this.received.incrementAndGet();
			}
			if (error == null) {
				consume(consumer);
			}
		});
	}

	/** Pushes at {@code rate} to random consumers for {@code duration}, then waits for the stragglers. */
	public Step measure(double rate, Duration duration) {
		Latencies latencies = new Latencies();
		this.current = latencies;
		long before = this.received.get();
		var async = this.producer.async();
		int consumerCount = this.consumers.size();
		OpenLoop.Paced paced = OpenLoop.run(rate, duration, (index, due) -> async
			.rpush(PREFIX + ThreadLocalRandom.current().nextInt(consumerCount), Long.toString(due)));
		long sent = paced.fired();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.received.get() - before < sent && System.nanoTime() < deadline) {
			BenchmarkRedis.sleep(20);
		}
		return new Step(rate, sent, this.received.get() - before, latencies.summary(), paced.worstLagMillis());
	}

	/**
	 * The floor of a group fan-out: each event is {@code members - 1} RPUSHes, one per other
	 * member, flushed together as one pipeline.
	 */
	public Step measureFanout(int members, double rate, Duration duration) {
		Latencies latencies = new Latencies();
		this.current = latencies;
		long before = this.received.get();
		int consumerCount = Math.min(members, this.consumers.size());
		var async = this.producer.async();
		OpenLoop.Paced paced = OpenLoop.run(rate, duration, (index, due) -> {
			int sender = ThreadLocalRandom.current().nextInt(consumerCount);
			String payload = Long.toString(due);
			this.producer.setAutoFlushCommands(false);
			for (int i = 0; i < consumerCount; i++) {
				if (i != sender) {
					async.rpush(PREFIX + i, payload);
				}
			}
			this.producer.flushCommands();
			this.producer.setAutoFlushCommands(true);
		});
		long sent = paced.fired() * (consumerCount - 1);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.received.get() - before < sent && System.nanoTime() < deadline) {
			BenchmarkRedis.sleep(20);
		}
		return new Step(rate, sent, this.received.get() - before, latencies.summary(), paced.worstLagMillis());
	}

	@Override
	public void close() {
		this.running.set(false);
		this.consumers.forEach(StatefulRedisConnection::close);
		this.producer.sync().del(java.util.stream.IntStream.range(0, this.consumers.size())
			.mapToObj((i) -> PREFIX + i)
			.toArray(String[]::new));
		this.producer.close();
		this.client.shutdown();
	}

	/** One rate of the floor: what was pushed, what arrived, and how fast. */
	public record Step(double rate, long sent, long received, LatencySummary latency, double pacerLagMillis) {
	}
}
