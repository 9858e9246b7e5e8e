package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time, resident memory and open files of one process, read from {@code /proc} (Linux).
 *
 * @param cpuMillis user + system CPU time used so far
 * @param rssKib resident set size
 * @param openFiles file descriptors, sockets included
 */
public record ProcessStats(long pid, long cpuMillis, long rssKib, int openFiles, long atNanos) {

	/** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
	private static final int TICKS_PER_SECOND = 100;

	public static ProcessStats of(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// the command name may contain spaces: the fields start after its closing parenthesis
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			long rss = 0;
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			int files;
			try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
				files = (int) fds.count();
			}
			return new ProcessStats(pid, ticks * 1000 / TICKS_PER_SECOND, rss, files, System.nanoTime());
		}
		catch (IOException | RuntimeException ex) {
			return new ProcessStats(pid, 0, 0, 0, System.nanoTime());
		}
	}

	/** CPU used between {@code earlier} and this sample, in percent of one core. */
	public double cpuPercentSince(ProcessStats earlier) {
		double wallMillis = (this.atNanos - earlier.atNanos) / 1e6;
		return (wallMillis <= 0) ? 0 : Math.round((this.cpuMillis - earlier.cpuMillis) / wallMillis * 1000) / 10.0;
	}

	public double rssMib() {
		return Math.round(this.rssKib / 1024.0 * 10) / 10.0;
	}
}
