package io.webchat.loadtest;

import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

import io.webchat.loadtest.client.Fleet;
import io.webchat.loadtest.measure.SystemProcesses;
import io.webchat.loadtest.redis.BenchmarkRedis;

/**
 * One system the scenarios run against.
 *
 * @param name as the report names it
 * @param setup how it runs, for the report
 * @param fleet its N simulated users
 * @param processes its server-side processes, and the load tool's
 * @param redis the Redis it keeps its state in, or {@code null} for a system without one
 * @param waitingPolls how many of the N polls it has waiting now, as the system itself sees them
 * @param pollsHeld how many of the N waiting polls a server process holds, by its name: what its
 *        memory per waiting poll is divided by (each of two chat instances holds half of them)
 */
record SystemUnderTest(String name, String setup, Fleet fleet, SystemProcesses processes, BenchmarkRedis redis,
		LongSupplier waitingPolls, ToIntFunction<String> pollsHeld) {

	long redisCommands() {
		return (this.redis != null) ? this.redis.commandsExecuted() : -1;
	}
}
