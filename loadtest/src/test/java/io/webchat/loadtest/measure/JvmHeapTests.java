package io.webchat.loadtest.measure;

import org.junit.jupiter.api.Test;

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
}
