package io.webchat.loadtest;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.webchat.loadtest.report.RunResult;
import io.webchat.loadtest.report.RunResult.Target;
import io.webchat.loadtest.report.RunResults;
import io.webchat.loadtest.report.SystemResult;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTests {

	private final LoadTestOptions options = LoadTestOptions.parse();

	private final SystemResult cometd = RunResults.system(RunResult.COMETD, 50, 0.5, 0.2, 4096, 20, 500, 1000, 1500);

	@Test
	void judgesTheCostGoalsFromWebchatsOwnFigures() {
		SystemResult webchat = RunResults.system(RunResult.WEBCHAT, 50, 0.8, 0.7, 30 * 1024, 20, 500, 1000, 1500);

		List<Target> targets = Targets.evaluate(this.options, List.of(this.cometd, webchat));

		assertThat(target(targets, "5").met()).as("0.8 ms per copy").isTrue();
		assertThat(target(targets, "6").met()).as("0.7 ms per poll cycle").isFalse();
		assertThat(target(targets, "7").met()).as("30 KB per waiting poll").isFalse();
		assertThat(target(targets, "5").measured()).contains("0.80 ms").contains("CometD 0.50 ms");
	}

	@Test
	void judgesTheHeapByTheLiveObjectsWhereTheyWereCounted() {
		long goal = Targets.HEAP_BYTES_PER_WAITING_POLL;
		// live objects just within the goal; G1's heap in use above it
		SystemResult webchat = RunResults.system(RunResult.WEBCHAT, 50, 0.8, 0.7, goal, 20, 500, 1000, 1500);

		assertThat(target(Targets.evaluate(this.options, List.of(this.cometd, webchat)), "7").met()).isTrue();
		assertThat(target(Targets.evaluate(this.options, List.of(this.cometd, RunResults.withoutHistograms(webchat))), "7")
			.met()).as("judged by the heap in use, %d B more", RunResults.HEAP_IN_USE_BEYOND_OBJECTS).isFalse();
	}

	@Test
	void matchesCometdOnlyByReachingItsHighestRate() {
		SystemResult slower = RunResults.system(RunResult.WEBCHAT, 50, 0.8, 0.5, 1024, 20, 500, 750);
		SystemResult asFast = RunResults.system(RunResult.WEBCHAT, 50, 0.8, 0.5, 1024, 20, 500, 1000, 1500);

		assertThat(target(Targets.evaluate(this.options, List.of(this.cometd, slower)), "8").met()).isFalse();
		assertThat(target(Targets.evaluate(this.options, List.of(this.cometd, asFast)), "8").met()).isTrue();
		assertThat(target(Targets.evaluate(this.options, List.of(this.cometd, slower)), "8").measured())
			.isEqualTo("webchat 500 msg/s, CometD 1,000 msg/s");
	}

	@Test
	void hasNothingToJudgeWithoutWebchat() {
		assertThat(Targets.evaluate(this.options, List.of(this.cometd))).isEmpty();
	}

	private static Target target(List<Target> targets, String id) {
		return targets.stream().filter((target) -> target.id().equals(id)).findFirst().orElseThrow();
	}
}
