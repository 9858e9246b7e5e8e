package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a running JVM: a full collection forced with {@code jcmd GC.run}, then the
 * heap in use from {@code jcmd GC.heap_info}. What is left after a full collection is what the
 * process really holds (sessions, waiting requests, buffers), not garbage not yet collected.
 */
public final class JvmHeap {

	/** A generation's line of {@code GC.heap_info}, e.g. {@code garbage-first heap total …, used 2914K}. */
	private static final Pattern USED = Pattern.compile("^\\S.*?\\bused (\\d+)K");

	private JvmHeap() {
	}

	/** Bytes of heap in use right after a full collection, or -1 when {@code jcmd} could not tell. */
	public static long liveBytes(long pid) {
		try {
			jcmd(pid, "GC.run");
			return usedBytes(jcmd(pid, "GC.heap_info"));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Live objects by class after a full collection ({@code jcmd GC.class_histogram}, which
	 * collects first): class name → {instances, bytes}. Empty when {@code jcmd} could not tell.
	 */
	public static Map<String, long[]> liveClasses(long pid) {
		try {
			return classes(jcmd(pid, "GC.class_histogram"));
		}
		catch (IOException ex) {
			return Map.of();
		}
	}

	/** A line of the histogram: {@code    1:        123456       7890123  [B (java.base@25)}. */
	private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	static Map<String, long[]> classes(String histogram) {
		Map<String, long[]> classes = new HashMap<>();
		for (String line : histogram.split("\n")) {
			Matcher entry = HISTOGRAM_LINE.matcher(line);
			if (entry.find()) {
				classes.merge(entry.group(3), new long[] { Long.parseLong(entry.group(1)), Long.parseLong(entry.group(2)) },
						(a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
			}
		}
		return classes;
	}

	/** The bytes of every object in a histogram of {@link #liveClasses}. */
	public static long totalBytes(Map<String, long[]> classes) {
		return classes.values().stream().mapToLong((counts) -> counts[1]).sum();
	}

	/**
	 * What {@code with} holds beyond {@code before}, per waiting poll: the classes that grew the
	 * most, as a table of instances and bytes per poll; the top {@code limit} and the rest summed.
	 */
	public static String growthPerPoll(Map<String, long[]> before, Map<String, long[]> with, int polls, int limit) {
		List<Map.Entry<String, long[]>> growth = new ArrayList<>();
		with.forEach((name, counts) -> {
			long[] earlier = before.getOrDefault(name, new long[2]);
			growth.add(Map.entry(name, new long[] { counts[0] - earlier[0], counts[1] - earlier[1] }));
		});
		growth.sort(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed());
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%12s %12s  %s%n", "per poll", "bytes", "class"));
		long rest = 0;
		long total = 0;
		for (int i = 0; i < growth.size(); i++) {
			long[] counts = growth.get(i).getValue();
			total += counts[1];
			if (i < limit) {
				out.append(String.format(Locale.ROOT, "%12.2f %12.0f  %s%n", counts[0] / (double) polls,
						counts[1] / (double) polls, growth.get(i).getKey()));
			}
			else {
				rest += counts[1];
			}
		}
		out.append(String.format(Locale.ROOT, "%12s %12.0f  (every other class)%n%12s %12.0f  in all%n", "",
				rest / (double) polls, "", total / (double) polls));
		return out.toString();
	}

	/**
	 * The heap in use that {@code GC.heap_info} reports: the sum over its top-level lines (one per
	 * generation for the serial and parallel collectors, one for G1), not metaspace.
	 */
	static long usedBytes(String heapInfo) {
		long usedKib = 0;
		boolean found = false;
		for (String line : heapInfo.split("\n")) {
			if (line.startsWith("Metaspace") || line.startsWith(" class space")) {
				continue;
			}
			Matcher used = USED.matcher(line);
			if (used.find()) {
				usedKib += Long.parseLong(used.group(1));
				found = true;
			}
		}
		return found ? usedKib * 1024 : -1;
	}

	/** Runs {@code jcmd}, giving up after a minute: a JVM that does not answer must not stop the run. */
	private static String jcmd(long pid, String command) throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Path output = Files.createTempFile("jcmd-", ".txt");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			boolean done = process.waitFor(60, TimeUnit.SECONDS);
			String out = Files.readString(output, StandardCharsets.UTF_8);
			if (!done || process.exitValue() != 0) {
				throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
			}
			return out;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(output);
		}
	}
}
