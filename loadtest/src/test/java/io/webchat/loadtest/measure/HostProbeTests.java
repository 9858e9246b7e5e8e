package io.webchat.loadtest.measure;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostProbeTests {

	@Test
	void walksThroughEveryIndexOnceBeforeComingBack() {
		int size = 10_000;
		int[] next = HostProbe.oneCycle(size, 7);
		BitSet visited = new BitSet(size);
		int at = 0;
		for (int step = 0; step < size; step++) {
			assertThat(visited.get(at)).as("index %d visited twice, at step %d", at, step).isFalse();
			visited.set(at);
			at = next[at];
		}
		assertThat(at).as("back where it started").isZero();
		assertThat(visited.cardinality()).isEqualTo(size);
	}

	@Test
	void timesBothPartsOfTheJobInCpuTimeOfThisThread() {
		HostProbe.Reading reading = new HostProbe().measure();

		assertThat(reading.known()).isTrue();
		assertThat(reading.computeMillis()).isPositive();
		assertThat(reading.memoryMillis()).isPositive();
	}
}
