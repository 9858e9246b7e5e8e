package io.webchat.testsupport;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the tests should start their own containers. */
class ContainersWhenDockerRuns implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return DockerAvailability.useContainers();
	}
}
