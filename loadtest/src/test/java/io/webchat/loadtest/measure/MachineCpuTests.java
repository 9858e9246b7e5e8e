package io.webchat.loadtest.measure;

import java.util.Map;

import io.webchat.loadtest.report.MachineUse;
import io.webchat.loadtest.report.ProcessUse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineCpuTests {

	@Test
	void countsUserNiceAndSystemAsBusyAndStealApart() {
		MachineCpu cpu = MachineCpu.parse("cpu  3070 5 762 15577 317 1 84 12 0 0", 0);

		assertThat(cpu.busyMillis()).isEqualTo((3070 + 5 + 762) * 10);
		assertThat(cpu.stealMillis()).isEqualTo(120);
	}

	@Test
	void theRestOfTheMachineIsWhatNoMeasuredProcessUsed() {
		MachineCpu start = new MachineCpu(10_000, 0, 0);
		MachineCpu end = new MachineCpu(10_000 + 15_000, 500, 10_000_000_000L);
		Map<String, ProcessUse> measured = Map.of("gateway", new ProcessUse(6_000, 60, 500, 100), "redis",
				new ProcessUse(2_000, 20, 20, 10));

		HostProbe.Reading probe = new HostProbe.Reading(2.5, 40);
		MachineUse use = MachineUse.between(start, end, measured, probe);

		assertThat(use.busyPercent()).isEqualTo(150.0);
		assertThat(use.otherPercent()).isEqualTo(70.0);
		assertThat(use.stealPercent()).isEqualTo(5.0);
		assertThat(use.probe()).isEqualTo(probe);
	}

	@Test
	void readsThisMachine() {
		MachineCpu first = MachineCpu.sample();

		assertThat(first.known()).isTrue();
		assertThat(MachineCpu.sample().busyMillis()).isGreaterThanOrEqualTo(first.busyMillis());
	}
}
