package io.webchat.loadtest.report;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostTests {

	@Test
	void chargesEachEventWithTheServerSidesCpuButNotTheLoadTools() {
		Map<String, ProcessUse> processes = new LinkedHashMap<>();
		processes.put("gateway", new ProcessUse(500, 50, 100, 10));
		processes.put("chat-service-1", new ProcessUse(300, 30, 100, 10));
		processes.put("load tool", new ProcessUse(200, 20, 100, 10));

		Cost cost = Cost.of(1000, processes, 5000, 800_000);

		assertThat(cost.serverCpuMillis()).isEqualTo(0.8);
		assertThat(cost.cpuMillis()).containsEntry("gateway", 0.5).containsEntry("load tool", 0.2);
		assertThat(cost.redisCommands()).isEqualTo(5.0);
		assertThat(cost.wireBytes()).isEqualTo(800.0);
	}

	@Test
	void saysASystemWithoutRedisHasNoRedisCommands() {
		Cost cost = Cost.of(10, Map.of("cometd", new ProcessUse(5, 1, 1, 1)), -1, 100);

		assertThat(cost.redisCommands()).isEqualTo(-1);
		assertThat(cost.serverCpuMillis()).isEqualTo(0.5);
	}

	@Test
	void costsNothingPerEventWhenNothingHappened() {
		Cost cost = Cost.of(0, Map.of("gateway", new ProcessUse(5, 1, 1, 1)), 3, 100);

		assertThat(cost.serverCpuMillis()).isZero();
		assertThat(cost.wireBytes()).isZero();
	}
}
