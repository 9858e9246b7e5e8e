package io.webchat.loadtest.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilerTests {

	/** async-profiler's collapsed format: frames root first, separated by ';', then the sample count. */
	private static final String STACKS = """
			java/lang/Thread.run;G1YoungGCTask::work;G1ParScanThreadState::trim_queue_to_threshold 30
			java/lang/Thread.run;CompileBroker::compiler_thread_loop;C2Compiler::compile_method 10
			java/lang/VirtualThread.run;org/springframework/security/web/FilterChainProxy.doFilter;java/io/ObjectInputStream.readObject;java/util/HashMap.put 20
			java/lang/VirtualThread.run;org/springframework/security/web/FilterChainProxy.doFilter;java/util/HashMap.get 15
			java/lang/VirtualThread.run;sun/nio/ch/SocketDispatcher.write0;__GI_write;entry_SYSCALL_64_after_hwframe_[k];tcp_sendmsg_[k] 25
			""";

	@Test
	void countsEachSampleOnceForThePartNearestItsTopFrame(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("gateway.collapsed");
		Files.writeString(file, STACKS);

		String summary = Profiler.summarise("gateway", file);

		assertThat(summary).contains("gateway: 100 CPU samples", "25 % of them in the kernel")
			.contains(" 30.0 %  garbage collection (G1)")
			.contains(" 10.0 %  JIT compiler")
			.contains(" 20.0 %  JDK deserialization (session attributes)")
			.contains(" 15.0 %  Spring Security filters")
			.contains(" 25.0 %  JDK networking (sockets, selectors)")
			.doesNotContain("elsewhere");
	}
}
