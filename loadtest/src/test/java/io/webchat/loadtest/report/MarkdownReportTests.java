package io.webchat.loadtest.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	private final RunResult run = RunResults.of(
			RunResults.system(RunResult.COMETD, 50, 0.5, 0.2, 4096, 20, 500, 1000, 1500),
			RunResults.system(RunResult.WEBCHAT, 5000, 2.0, 1.0, 40960, 60, 50, 100));

	@Test
	void summarisesTheFloorCometdAndWebchatSideBySide() {
		String report = MarkdownReport.render(this.run);

		assertThat(report).contains("| | raw Redis | CometD | webchat | webchat ×CometD |")
			.contains("| highest one-to-one rate with p99 ≤ 100 ms (msg/s) | 3,000 (highest tried) | 1,000 | 50 | 0.050× |")
			.contains("| steady 1,000 msg/s: CPU per delivered copy, server summed (ms) | – | 0.500 | 2.000 | 4.0× |")
			.contains("| idle: live heap per waiting poll, worst JVM (KB) | – | 4.0 | 40.0 | 10.0× |")
			.contains("| idle after the traffic, JVMs warm: CPU per poll cycle, server summed (ms) | – | 0.100 | 0.500 | 5.0× |");
	}

	@Test
	void countsThePollsThatFailed() {
		SystemResult webchat = RunResults.system(RunResult.WEBCHAT, 5000, 2.0, 1.0, 40960, 60, 50, 100);
		SystemResult timingOut = new SystemResult(webchat.name(), webchat.setup(), webchat.idle(), webchat.phases(),
				webchat.idleAfterTraffic(),
				java.util.Map.of("polls", 60_000L, "pollErrorKinds", java.util.Map.of("timeout", 12L)));

		String report = MarkdownReport.render(RunResults.of(timingOut));

		assertThat(report).contains("| polls failed over the whole run (an error, or 45 s without an answer) | – | – "
				+ "| 12 {timeout=12}; 60,000 answered |");
	}

	@Test
	void comparesEachWebchatStepWithCometdsStepAtTheSameRate() {
		String report = MarkdownReport.render(this.run);

		assertThat(report).contains("| ×floor p99 | ×CometD p50 | ×CometD p99 |")
			.contains("| webchat | (b) steady | 1,000 |")
			.containsPattern("\\| webchat \\| \\(b\\) steady \\|[^\\n]*\\| 100\\.0× \\| 100\\.0× \\|")
			.containsPattern("\\| webchat \\| \\(c\\) ramp 100.0 \\|[^\\n]*\\| – \\| – \\|");
	}

	@Test
	void showsWhatACopyAndAWaitingPollCostEachSystem() {
		String report = MarkdownReport.render(this.run);

		assertThat(report).contains("| webchat | (b) steady | 30,000 | 2.000 | 4.0× | webchat 2.000 | – | 700 |")
			.contains("| CometD | 5,000 | 12,000 | 0.200 | CometD 0.200 | CometD 4.0 KB | CometD 12.0 KB |");
	}

	@Test
	void judgesTheHeapPerWaitingPollByTheLiveObjectsAndShowsTheHeapInUseBeside() {
		assertThat(MarkdownReport.render(this.run))
			.contains("| idle: live heap per waiting poll, worst JVM (KB) | – | 4.0 | 40.0 | 10.0× |")
			.contains("| webchat | 5,000 | 12,000 | 1.000 | webchat 1.000 | webchat 40.0 KB | webchat 48.0 KB |");

		String withoutHistograms = MarkdownReport.render(RunResults.of(
				RunResults.withoutHistograms(RunResults.system(RunResult.WEBCHAT, 5000, 2.0, 1.0, 40960, 60, 50, 100))));

		assertThat(withoutHistograms).contains("| idle: live heap per waiting poll, worst JVM (KB) | – | – | 48.0 | – |")
			.contains("| webchat | 5,000 | 12,000 | 1.000 | webchat 1.000 | – | webchat 48.0 KB |");
	}

	@Test
	void saysHowMuchElseRanOnTheMachineAndNamesTheStepsItDisturbed() {
		assertThat(MarkdownReport.render(this.run))
			.contains("the rest of the machine used at most 5 % of a core during CometD's steps, at most 5 % of a core "
					+ "during webchat's steps: a quiet machine.")
			.contains("| (b) steady | 10 % / 300 | 5 % |");

		SystemResult webchat = RunResults.system(RunResult.WEBCHAT, 5000, 2.0, 1.0, 40960, 60, 50, 100);
		String disturbed = MarkdownReport.render(RunResults.of(RunResults.disturbedInSteadyStep(webchat, 85)));

		assertThat(disturbed).contains("at most 85 % of a core during webchat's steps. **Disturbed**")
			.contains(": webchat (b) steady.");
	}

	@Test
	void saysHowFastTheHostWasBeforeEachStepAndWhenItChangedBetweenSystems() {
		assertThat(MarkdownReport.render(this.run)).contains("commit abc1234, 2 CPUs (AMD EPYC, 2096 MHz), load average")
			.contains("read 2.50 (2.50–2.50) / 40.0 (40.0–40.0) before CometD's steps, "
					+ "2.50 (2.50–2.50) / 40.0 (40.0–40.0) before webchat's steps.\n")
			.doesNotContain("The host's speed changed")
			.contains("| (b) steady | 10 % / 300 | 5 % | 2.50 / 40.00 |");

		SystemResult cometd = RunResults.system(RunResult.COMETD, 20, 0.2, 0.2, 4096, 20, 1000);
		SystemResult webchat = RunResults.system(RunResult.WEBCHAT, 5000, 2.0, 1.0, 40960, 60, 50, 100);
		String slower = MarkdownReport.render(RunResults.of(cometd, RunResults.onSlowerCores(webchat, 1.4)));

		assertThat(slower).contains("3.50 (3.50–3.50) / 40.0 (40.0–40.0) before webchat's steps. "
				+ "**The host's speed changed**: the cores were 40 % slower during webchat's steps than during CometD's;");
	}
}
