package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

	private static String jcmd(long pid, String command) throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
			.start();
		try {
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
			}
			return out;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		finally {
			process.destroy();
		}
	}
}
