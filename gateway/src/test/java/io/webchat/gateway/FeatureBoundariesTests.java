package io.webchat.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each package under {@code io.webchat.gateway} is a feature (Spring Modulith's application
 * module): no two of them may depend on each other, however indirectly, and none may use a type
 * in another's sub-packages. See docs/architecture.md.
 */
class FeatureBoundariesTests {

	@Test
	void featuresFormNoCycleAndUseOnlyEachOthersTopLevelTypes() {
		ApplicationModules.of(GatewayApplication.class).verify();
	}
}
