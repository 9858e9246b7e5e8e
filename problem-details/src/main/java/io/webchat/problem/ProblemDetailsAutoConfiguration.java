package io.webchat.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * Every service that depends on this module answers errors as RFC 9457 problem details. Runs
 * before Spring MVC's auto-configuration so that Boot's own problem-details handler backs off.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ApiProblemAdvice.class)
public class ProblemDetailsAutoConfiguration {

}
