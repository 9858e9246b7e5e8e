package io.webchat.loadtest.measure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JvmHeapTests {

	@Test
	void readsTheUsedHeapOfG1() {
		String heapInfo = """
				12345:
				garbage-first heap   total reserved 262144K, committed 14336K, used 2914K [0x00000000f0000000, 0x0000000100000000)
				 region size 1024K, 0 young (0K), 0 survivors (0K)
				 Metaspace       used 1024K, committed 1088K, reserved 1114112K
				  class space    used 100K, committed 128K, reserved 1048576K
				""";
		assertThat(JvmHeap.usedBytes(heapInfo)).isEqualTo(2914L * 1024);
	}

	@Test
	void addsTheGenerationsOfTheSerialCollectorAndSkipsTheirSpaces() {
		String heapInfo = """
				5724:
				DefNew     total 19648K, used 7337K [0x00000000fc000000, 0x00000000fd550000, 0x00000000fd550000)
				 eden space 17472K,  29% used [0x00000000fc000000, 0x00000000fc50a740, 0x00000000fd110000)
				 from space 2176K,  99% used [0x00000000fd330000, 0x00000000fd54fff8, 0x00000000fd550000)
				Tenured    total 43712K, used 2388K [0x00000000fd550000, 0x0000000100000000, 0x0000000100000000)
				 the  space 43712K,   5% used [0x00000000fd550000, 0x00000000fd7a5040, 0x0000000100000000)
				Metaspace       used 1024K, committed 1088K, reserved 1114112K
				""";
		assertThat(JvmHeap.usedBytes(heapInfo)).isEqualTo((7337L + 2388) * 1024);
	}

	@Test
	void measuresThisVeryJvm() {
		long live = JvmHeap.liveBytes(ProcessHandle.current().pid());
		assertThat(live).isPositive().isLessThan(Runtime.getRuntime().maxMemory());
	}

	@Test
	void readsAClassHistogramAndRanksWhatGrewPerPoll() {
		String before = """
				12345:
				 num     #instances         #bytes  class name (module)
				-------------------------------------------------------
				   1:         10000         800000  [B (java.base@25.0.3)
				   2:          2000          64000  java.lang.String (java.base@25.0.3)
				Total         12000         864000
				""";
		String with = """
				12345:
				 num     #instances         #bytes  class name (module)
				-------------------------------------------------------
				   1:         30000        4800000  [B (java.base@25.0.3)
				   2:         12000         384000  java.lang.String (java.base@25.0.3)
				   3:          1000          48000  io.netty.channel.DefaultChannelPipeline
				Total         43000        5232000
				""";

		String growth = JvmHeap.growthPerPoll(JvmHeap.classes(before), JvmHeap.classes(with), 1000, 2);

		assertThat(growth).containsSubsequence("20.00         4000  [B", "10.00          320  java.lang.String",
				"48  (every other class)", "4368  in all");
		assertThat(JvmHeap.totalBytes(JvmHeap.classes(with))).as("the histogram's own Total").isEqualTo(5_232_000);
	}

	@Test
	void histogramsAnotherJvm(@TempDir Path directory) throws Exception {
		Path sleeper = Files.writeString(directory.resolve("Sleeper.java"),
				"class Sleeper { public static void main(String[] args) throws Exception { Thread.sleep(60_000); } }");
		Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				sleeper.toString())
			.start();
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(JvmHeap.liveClasses(jvm.pid())).containsKey("java.lang.String"));
		}
		finally {
			jvm.destroyForcibly();
		}
	}
}
