package io.webchat.gateway.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection bound fits the file descriptors the process may open. */
class ConnectionLimitsTests {

	@Test
	void keepsTheConfiguredBoundWhenEveryConnectionAndItsForwardedRequestFit() {
		assertThat(ConnectionLimits.fittingDescriptors(12_000, 1_048_576)).isEqualTo(12_000);
	}

	@Test
	void lowersTheBoundToHalfTheDescriptorsLessTheOthers() {
		assertThat(ConnectionLimits.fittingDescriptors(12_000, 20_000)).isEqualTo(9_750);
	}

	@Test
	void keepsTheConfiguredBoundWhenTheLimitIsUnknown() {
		assertThat(ConnectionLimits.fittingDescriptors(12_000, -1)).isEqualTo(12_000);
	}
}
