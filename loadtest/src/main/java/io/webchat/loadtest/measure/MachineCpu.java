package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time so far, from the first line of {@code /proc/stat} (Linux): what
 * every process and the kernel used, and what the hypervisor took from this guest. Set against
 * the measured processes' own CPU over a step, it tells how much else ran on the box meanwhile —
 * a build, a test, another benchmark — which makes the processes' figures worse than they are.
 *
 * @param busyMillis user, nice and system time summed over all CPUs: what processes ran. Interrupt
 *        time is left out: under a benchmark it is mostly the kernel moving the benchmark's own
 *        packets, which no process is charged with
 * @param stealMillis time this guest's CPUs were ready to run but the host ran something else
 */
public record MachineCpu(long busyMillis, long stealMillis, long atNanos) {

	/** Clock ticks per second of {@code /proc/stat}; 100 on every Linux this runs on. */
	private static final int TICKS_PER_SECOND = 100;

	/** A machine whose CPU time cannot be read: every figure derived from it comes out 0. */
	static final MachineCpu UNKNOWN = new MachineCpu(-1, -1, 0);

	public static MachineCpu sample() {
		try {
			String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
			return parse(first, System.nanoTime());
		}
		catch (IOException | RuntimeException ex) {
			return UNKNOWN;
		}
	}

	/** {@code cpu  user nice system idle iowait irq softirq steal guest guest_nice} */
	static MachineCpu parse(String line, long atNanos) {
		String[] fields = line.trim().split("\\s+");
		if (!fields[0].equals("cpu") || fields.length < 9) {
			return UNKNOWN;
		}
		long busy = 0;
		for (int field : new int[] { 1, 2, 3 }) {
			busy += Long.parseLong(fields[field]);
		}
		long steal = Long.parseLong(fields[8]);
		return new MachineCpu(busy * 1000 / TICKS_PER_SECOND, steal * 1000 / TICKS_PER_SECOND, atNanos);
	}

	public boolean known() {
		return this.busyMillis >= 0;
	}
}
