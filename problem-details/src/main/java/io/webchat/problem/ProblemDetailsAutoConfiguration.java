package io.webchat.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/** Every service that depends on this module answers errors as RFC 9457 problem details. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ApiProblemAdvice.class)
public class ProblemDetailsAutoConfiguration {

}
