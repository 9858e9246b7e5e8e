package io.webchat.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every service that depends on this module answers errors as RFC 9457 problem details, on
 * whichever web stack it runs, and reads JSON by one strict rule ({@link StrictJsonInput}), so
 * that a value of the wrong type is one of those answers rather than a guess. Runs before the
 * stack's own auto-configuration so that Boot's problem-details handler backs off.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration" })
public class ProblemDetailsAutoConfiguration {

	@Bean
	StrictJsonInput strictJsonInput() {
		return new StrictJsonInput();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import(ApiProblemAdvice.class)
	static class ServletProblems {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@Import(ReactiveApiProblemAdvice.class)
	static class ReactiveProblems {

	}
}
