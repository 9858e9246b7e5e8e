package io.webchat.loadtest.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * How fast this machine's cores are right now: the CPU time one thread needs for the same fixed
 * job, timed just before each step. A system's CPU per message can only be compared between
 * runs if the cores were equally fast in both; on a shared host they are not always (another
 * guest on the same cores or memory, a lower clock), and neither steal time nor the rest of
 * the machine shows it. Where the probe's time rose by a quarter, so would every process's.
 * <p>
 * The job has two parts, because a host can slow one and not the other: hashing 1 MiB several
 * times stays in the core and its caches; a random walk over 64 MiB misses them on nearly every
 * step and waits for memory, as a JVM's allocation and collection do. Each part is timed a few
 * times and the fastest kept: a slower try was interrupted, and the machine's speed is the
 * uninterrupted figure.
 */
public final class HostProbe {

	private static final int HASHED_BYTES = 1 << 20;

	private static final int HASHES = 4;

	private static final int WALKED_INTS = 16 << 20;

	private static final int WALK_STEPS = 1 << 18;

	private static final int TRIES = 3;

	private static final int WARM_UP_TRIES = 20;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final byte[] hashed = new byte[HASHED_BYTES];

	/** Where the walk goes from each index: see {@link #oneCycle}. */
	private final int[] nextIndex = oneCycle(WALKED_INTS, 42);

	private final MessageDigest sha256;

	private int walkedTo;

	/** Allocates the job's memory and warms it up until the JIT has compiled it. */
	public HostProbe() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
		new SplittableRandom(42).nextBytes(this.hashed);
		for (int i = 0; i < WARM_UP_TRIES; i++) {
			hash();
			walk();
		}
	}

	/**
	 * Times the job on the calling thread.
	 *
	 * @return the fastest try of each part, in CPU milliseconds; lower is a faster machine
	 */
	public Reading measure() {
		double computeMillis = Double.MAX_VALUE;
		double memoryMillis = Double.MAX_VALUE;
		for (int i = 0; i < TRIES; i++) {
			computeMillis = Math.min(computeMillis, cpuMillis(this::hash));
			memoryMillis = Math.min(memoryMillis, cpuMillis(this::walk));
		}
		return new Reading(round(computeMillis), round(memoryMillis));
	}

	/**
	 * A walk through every index once, in random order, before it comes back (Sattolo's
	 * shuffle): it never settles in a part of the array that a cache could hold.
	 */
	static int[] oneCycle(int size, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		int[] next = new int[size];
		for (int i = 0; i < size; i++) {
			next[i] = i;
		}
		for (int i = size - 1; i > 0; i--) {
			int j = random.nextInt(i);
			int swap = next[i];
			next[i] = next[j];
			next[j] = swap;
		}
		return next;
	}

	private double cpuMillis(Runnable job) {
		long start = this.threads.getCurrentThreadCpuTime();
		job.run();
		return (this.threads.getCurrentThreadCpuTime() - start) / 1e6;
	}

	private void hash() {
		for (int i = 0; i < HASHES; i++) {
			this.sha256.update(this.hashed);
			byte[] digest = this.sha256.digest();
			// the digest feeds the next round, so the JIT cannot drop the work
			this.hashed[i] ^= digest[0];
		}
	}

	private void walk() {
		int at = this.walkedTo;
		for (int i = 0; i < WALK_STEPS; i++) {
			at = this.nextIndex[at];
		}
		// the walk goes on from where it stopped, and its end is kept, so it is never dead code
		this.walkedTo = at;
	}

	private static double round(double millis) {
		return Math.round(millis * 100) / 100.0;
	}

	/**
	 * One timing of the probe.
	 *
	 * @param computeMillis CPU ms to hash 4 MiB: the cores' own speed
	 * @param memoryMillis CPU ms for 256 Ki dependent reads spread over 64 MiB: the speed of memory
	 */
	public record Reading(double computeMillis, double memoryMillis) {

		/** Where the probe was not run (a report read back from an older run, or a test). */
		public static final Reading NONE = new Reading(-1, -1);

		public boolean known() {
			return this.computeMillis >= 0;
		}
	}

}
