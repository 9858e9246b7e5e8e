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
 * settings) of one scenario step, summarised as the share of execution samples each part of
 * the request path spends itself. A sample counts once, for the part nearest the top of its
 * stack, so JDK code (collections, I/O, crypto) counts for the library that called it. (Counting
 * a sample for every part on its stack would make a servlet filter look as costly as everything
 * that runs after it.)
 */
public final class Profiler {

	/**
	 * Parts of the request path, by a substring of a frame's class (or class.method). Where two
	 * parts match one frame, the first listed wins.
	 */
	private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

	static {
		PARTS.put("identity token: signing (RS256, gateway)",
				List.of("RSASSASigner", "NimbusJwtEncoder", "IdentityTokenIssuer"));
		PARTS.put("identity token: verifying (services)", List.of("NimbusJwtDecoder", "io.webchat.identity"));
		PARTS.put("JDK deserialization (session attributes)", List.of("java.io.ObjectInputStream"));
		PARTS.put("Spring Session (session load and save)", List.of("org.springframework.session"));
		PARTS.put("Lettuce / Netty (Redis client)", List.of("io.lettuce", "io.netty"));
		PARTS.put("proxy: HTTP client (Apache HttpClient; the JDK's before)", List.of("org.apache.hc", "jdk.internal.net.http"));
		PARTS.put("proxy: gateway routing and RestClient",
				List.of("org.springframework.cloud.gateway", "org.springframework.web.client",
						"org.springframework.http.client"));
		PARTS.put("Spring Security filters", List.of("org.springframework.security"));
		PARTS.put("JSON (Jackson)", List.of("tools.jackson", "com.fasterxml.jackson"));
		PARTS.put("bean validation", List.of("org.hibernate.validator"));
		PARTS.put("logging", List.of("ch.qos.logback"));
		PARTS.put("metrics and observations (Micrometer)", List.of("io.micrometer"));
		PARTS.put("chat-service: sending (MessageService)", List.of("io.webchat.chat.message"));
		PARTS.put("chat-service: long polls (LongPollService)", List.of("io.webchat.chat.delivery"));
		PARTS.put("chat-service: presence", List.of("io.webchat.chat.presence"));
		PARTS.put("webchat gateway code", List.of("io.webchat.gateway"));
		PARTS.put("Spring MVC and other servlet filters", List.of("org.springframework.web"));
		PARTS.put("web server (Tomcat or Jetty)",
				List.of("org.apache.catalina", "org.apache.coyote", "org.apache.tomcat", "org.eclipse.jetty"));
		PARTS.put("JDK networking (sockets, selectors)", List.of("sun.nio.ch", "java.nio.channels"));
		PARTS.put("virtual thread scheduling", List.of("java.util.concurrent.ForkJoin", "java.lang.VirtualThread"));
	}

	private static final String ELSEWHERE = "elsewhere (none of the above on the stack)";

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
		parts.put(ELSEWHERE, 0);
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
				parts.merge(nearestPart(frames), 1, Integer::sum);
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(process).append(": ").append(samples).append(" execution samples (JFR, profile settings); ")
			.append(gcPauses)
			.append(" GC pauses, ")
			.append(Math.round(gcPauseMillis))
			.append(" ms in all\n");
		out.append("  share of samples each part spends itself (a sample counts for the part nearest its top frame):\n");
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

	private static String nearestPart(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String name = name(frame);
			for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
				if (part.getValue().stream().anyMatch(name::contains)) {
					return part.getKey();
				}
			}
		}
		return ELSEWHERE;
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}
}
