package io.webchat.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadTestOptionsTests {

	@Test
	void optionsGivenReplaceTheDefaults() {
		LoadTestOptions options = LoadTestOptions.parse("--quick", "--users=400", "--systems=webchat",
				"--heap-histogram=false");

		assertThat(options.quick()).isTrue();
		assertThat(options.users()).isEqualTo(400);
		assertThat(options.systems()).containsExactly("webchat");
		assertThat(options.heapHistogram()).isFalse();
	}

	@Test
	void anUnknownOptionIsRefusedBeforeAnythingRuns() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadTestOptions.parse("--user=300"))
			.withMessageStartingWith("Unknown option --user; the options are ")
			.withMessageContaining("--users,");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadTestOptions.parse("--help"))
			.withMessageStartingWith("Unknown option --help");
	}

}
