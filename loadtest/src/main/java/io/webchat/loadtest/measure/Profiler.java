package io.webchat.loadtest.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * Where a service's CPU goes under load: async-profiler, attached to the running service for one
 * scenario step, sampling CPU time every millisecond on every thread, collector, JIT compiler
 * and kernel included. JFR's execution samples see only Java threads running Java code, which
 * left out about half of the gateway's CPU: G1 and the socket system calls. The summary gives
 * the share of samples each part of the request path spends itself. A sample counts once, for
 * the part nearest the top of its stack, so JDK code (collections, crypto) counts for the
 * library that called it. (Counting a sample for every part on its stack would make a servlet
 * filter look as costly as everything that runs after it.)
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
		PARTS.put("Lettuce (Redis client)", List.of("io.lettuce"));
		PARTS.put("Reactor Netty (HTTP server and client)", List.of("reactor.netty"));
		PARTS.put("Netty (buffers, codecs, event loops)", List.of("io.netty"));
		PARTS.put("proxy: HTTP client (Apache HttpClient; the JDK's before)", List.of("org.apache.hc", "jdk.internal.net.http"));
		PARTS.put("proxy: gateway routing and load balancing",
				List.of("org.springframework.cloud.gateway", "org.springframework.cloud.loadbalancer",
						"org.springframework.cloud.client", "org.springframework.web.client",
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
		PARTS.put("Spring WebFlux (handlers, codecs, web filters)",
				List.of("org.springframework.web.reactive", "org.springframework.web.server",
						"org.springframework.http.server.reactive", "org.springframework.http.codec"));
		PARTS.put("Spring MVC and other servlet filters", List.of("org.springframework.web"));
		PARTS.put("Reactor operators", List.of("reactor.core"));
		PARTS.put("web server (Tomcat or Jetty)",
				List.of("org.apache.catalina", "org.apache.coyote", "org.apache.tomcat", "org.eclipse.jetty"));
		PARTS.put("JDK networking (sockets, selectors)", List.of("sun.nio.ch", "java.nio.channels"));
		PARTS.put("virtual thread scheduling", List.of("java.util.concurrent.ForkJoin", "java.lang.VirtualThread"));
	}

	/** Whole threads that are not the request path, by a substring of any frame on their stack. */
	private static final Map<String, List<String>> THREADS = new LinkedHashMap<>();

	static {
		THREADS.put("garbage collection (G1)", List.of("G1", "GCTaskThread", "WorkerThread::run"));
		THREADS.put("JIT compiler", List.of("CompileBroker"));
	}

	private static final String ELSEWHERE = "elsewhere (none of the above on the stack)";

	private static final String KERNEL_FRAME = "_[k]";

	private Profiler() {
	}

	/**
	 * Starts profiling the JVM {@code pid} for {@code seconds}; when they are up, the profiler
	 * stops itself and writes its stacks to {@code file} (one line per stack: frames root first,
	 * separated by ';', then the sample count).
	 */
	public static void start(long pid, int seconds, Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Path library = extractLibrary(file.getParent());
		try {
			VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
			try {
				vm.loadAgentPath(library.toString(), "start,event=cpu,interval=1ms,timeout=" + seconds + ",file="
						+ file.toAbsolutePath() + ",collapsed");
			}
			finally {
				vm.detach();
			}
		}
		catch (AttachNotSupportedException | com.sun.tools.attach.AgentLoadException
				| com.sun.tools.attach.AgentInitializationException ex) {
			throw new IOException("Could not start async-profiler in process " + pid + ": " + ex.getMessage(), ex);
		}
	}

	/** async-profiler's library for this machine, from its jar on the class path. */
	private static Path extractLibrary(Path directory) throws IOException {
		String platform = switch (System.getProperty("os.arch")) {
			case "amd64", "x86_64" -> "linux-x64";
			case "aarch64" -> "linux-arm64";
			default -> throw new IOException("async-profiler has no library for " + System.getProperty("os.arch"));
		};
		Path library = directory.resolve("libasyncProfiler.so");
		try (InputStream in = Profiler.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
			if (in == null) {
				throw new IOException("async-profiler's " + platform + " library is not on the class path");
			}
			Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
		}
		return library;
	}

	/** The summary of a finished profile, as plain text. */
	public static String summarise(String process, Path file) throws IOException {
		Map<String, Long> parts = new LinkedHashMap<>();
		THREADS.keySet().forEach((part) -> parts.put(part, 0L));
		PARTS.keySet().forEach((part) -> parts.put(part, 0L));
		parts.put(ELSEWHERE, 0L);
		Map<String, Long> leaves = new HashMap<>();
		long samples = 0;
		long inKernel = 0;
		for (String line : Files.readAllLines(file)) {
			int space = line.lastIndexOf(' ');
			if (space < 0) {
				continue;
			}
			long count = Long.parseLong(line.substring(space + 1));
			List<String> frames = new ArrayList<>(Arrays.asList(line.substring(0, space).split(";")));
			// top frame first, named like Java's own stack traces
			frames.replaceAll((frame) -> frame.replace('/', '.'));
			java.util.Collections.reverse(frames);
			samples += count;
			if (frames.stream().anyMatch((frame) -> frame.endsWith(KERNEL_FRAME))) {
				inKernel += count;
			}
			leaves.merge(frames.getFirst(), count, Long::sum);
			parts.merge(partOf(frames), count, Long::sum);
		}
		long total = Math.max(1, samples);
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%s: %,d CPU samples of 1 ms (async-profiler, all threads); %.0f %% of them in the kernel%n", process,
				samples, 100.0 * inKernel / total));
		out.append("  share of samples each part spends itself (a sample counts for the part nearest its top frame):\n");
		parts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.filter((entry) -> entry.getValue() > 0)
			.forEach((entry) -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * entry.getValue() / total,
					entry.getKey())));
		out.append("  hottest frames (top of the stack):\n");
		List<Map.Entry<String, Long>> hottest = new ArrayList<>(leaves.entrySet());
		hottest.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		hottest.stream()
			.limit(12)
			.forEach((entry) -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * entry.getValue() / total,
					entry.getKey())));
		return out.toString();
	}

	/** The part a stack (top frame first) belongs to. */
	static String partOf(List<String> frames) {
		for (Map.Entry<String, List<String>> thread : THREADS.entrySet()) {
			if (frames.stream().anyMatch((frame) -> thread.getValue().stream().anyMatch(frame::contains))) {
				return thread.getKey();
			}
		}
		for (String frame : frames) {
			for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
				if (part.getValue().stream().anyMatch(frame::contains)) {
					return part.getKey();
				}
			}
		}
		return ELSEWHERE;
	}
}
