package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU goes under load: a JFR recording ({@code jcmd JFR.start}, profile
 * settings) of one scenario step, summarised as the share of execution samples spent inside
 * each part of the request path (a sample counts for every part on its stack).
 */
public final class Profiler {

	/** Parts of the request path, by a substring of a frame's class (or class.method). */
	private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

	static {
		PARTS.put("identity token: signing (RS256, gateway)", List.of("RSASSASigner", "NimbusJwtEncoder"));
		PARTS.put("identity token: verifying (services)", List.of("NimbusJwtDecoder"));
		PARTS.put("session: load and save (Spring Session on Redis)", List.of("org.springframework.session"));
		PARTS.put("session: JDK deserialization of the security context", List.of("java.io.ObjectInputStream"));
		PARTS.put("CSRF token check", List.of("Csrf"));
		PARTS.put("proxying to a service (RestClient over the JDK HttpClient)",
				List.of("JdkClientHttpRequest", "jdk.internal.net.http"));
		PARTS.put("Lettuce / Netty (Redis client)", List.of("io.lettuce", "io.netty"));
		PARTS.put("JSON (Jackson)", List.of("tools.jackson", "com.fasterxml.jackson"));
		PARTS.put("bean validation", List.of("org.hibernate.validator"));
		PARTS.put("logging", List.of("ch.qos.logback"));
		PARTS.put("chat-service: sending (MessageService)", List.of("io.webchat.chat.message"));
		PARTS.put("chat-service: long polls (LongPollService)", List.of("io.webchat.chat.delivery.LongPollService"));
		PARTS.put("chat-service: presence", List.of("io.webchat.chat.presence"));
	}

	private Profiler() {
	}

	/** Starts a recording of {@code seconds} in the JVM {@code pid}, written to {@code file} when it ends. */
	public static void start(long pid, int seconds, Path file) throws IOException, InterruptedException {
		Files.createDirectories(file.getParent());
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid), "JFR.start", "name=loadtest", "settings=profile", "duration=" + seconds + "s",
				"filename=" + file.toAbsolutePath())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		jcmd.waitFor(30, TimeUnit.SECONDS);
	}

	/** The summary of a finished recording, as plain text. */
	public static String summarise(String process, Path file) throws IOException {
		Map<String, Integer> parts = new LinkedHashMap<>();
		PARTS.keySet().forEach((part) -> parts.put(part, 0));
		Map<String, Integer> leaves = new HashMap<>();
		int samples = 0;
		double gcPauseMillis = 0;
		int gcPauses = 0;
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if ("jdk.GCPhasePause".equals(event.getEventType().getName())) {
					gcPauseMillis += event.getDuration().toNanos() / 1e6;
					gcPauses++;
				}
				if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				if (!frames.isEmpty()) {
					leaves.merge(name(frames.get(0)), 1, Integer::sum);
				}
				for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
					if (frames.stream().anyMatch((frame) -> part.getValue().stream().anyMatch(name(frame)::contains))) {
						parts.merge(part.getKey(), 1, Integer::sum);
					}
				}
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(process).append(": ").append(samples).append(" execution samples (JFR, profile settings); ")
			.append(gcPauses)
			.append(" GC pauses, ")
			.append(Math.round(gcPauseMillis))
			.append(" ms in all\n");
		out.append("  share of samples inside each part of the request path (a sample may count for several):\n");
		int total = Math.max(1, samples);
		parts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.filter((entry) -> entry.getValue() > 0)
			.forEach((entry) -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * entry.getValue() / total,
					entry.getKey())));
		out.append("  hottest methods (top frame):\n");
		List<Map.Entry<String, Integer>> hottest = new ArrayList<>(leaves.entrySet());
		hottest.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
		hottest.stream()
			.limit(12)
			.forEach((entry) -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * entry.getValue() / total,
					entry.getKey())));
		return out.toString();
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}
}
