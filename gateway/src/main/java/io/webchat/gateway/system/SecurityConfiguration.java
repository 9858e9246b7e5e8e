package io.webchat.gateway.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Scripts only from this origin (the page has no inline script), nothing may frame the page.
	 * Inline styles stay allowed for Swagger UI; they cannot run code.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
			+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

	private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

	@Bean
	SecurityFilterChain gatewaySecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/css/**", "/webjars/**", "/favicon.ico", "/actuator/health/**", "/error")
			.permitAll()
			// registration is the one API call a visitor may make
			.requestMatchers(HttpMethod.POST, "/api/accounts/users")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			// a readable XSRF-TOKEN cookie that the page's fetch calls echo in X-XSRF-TOKEN
			.csrf((csrf) -> csrf.spa())
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(apiProblem(HttpStatus.UNAUTHORIZED,
						"Log in first: POST /login with username and password."), API)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> writeProblem(response, HttpStatus.FORBIDDEN,
						"Refused: a state-changing call needs the X-XSRF-TOKEN header with the XSRF-TOKEN cookie's value."),
						API))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/** An API call without a session gets 401 and a problem, not a redirect to an HTML page. */
	private static AuthenticationEntryPoint apiProblem(HttpStatus status, String detail) {
		return (request, response, ex) -> writeProblem(response, status, detail);
	}

	private static void writeProblem(HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// bytes, not a Writer: a Writer would append "charset=ISO-8859-1" to the media type
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}
}
