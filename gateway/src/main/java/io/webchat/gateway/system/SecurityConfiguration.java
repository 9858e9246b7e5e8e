package io.webchat.gateway.system;

import io.webchat.gateway.login.LoginFailureHandler;
import io.webchat.problem.ProblemResponses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
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

	private static final RequestMatcher JSON_LOGIN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/api/session");

	@Bean
	SecurityFilterChain gatewaySecurity(HttpSecurity http, SessionAuthenticationStrategy loginSessionStrategy)
			throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/login/throttled", "/register", "/js/register.js", "/css/**", "/js/i18n/**",
					"/webjars/**", "/favicon.ico", "/favicon.svg", "/actuator/health/**", "/error")
			.permitAll()
			// registration and login are the API calls a visitor may make
			.requestMatchers(HttpMethod.POST, "/api/accounts/users", "/api/session")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/", true)
				.failureHandler(new LoginFailureHandler())
				.permitAll())
			.sessionManagement((sessions) -> sessions.sessionAuthenticationStrategy(loginSessionStrategy))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			// a readable XSRF-TOKEN cookie that the page's fetch calls echo in X-XSRF-TOKEN; the
			// JSON login is exempt: it only accepts application/json, which a cross-site form
			// cannot send, and it has no session to ride on yet
			.csrf((csrf) -> csrf.spa().ignoringRequestMatchers(JSON_LOGIN))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor((request, response, ex) -> ProblemResponses.write(response,
						HttpStatus.UNAUTHORIZED, "Log in first: POST /api/session with your username and password."), API)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> ProblemResponses.write(response,
						HttpStatus.FORBIDDEN,
						"Refused: a state-changing call needs the X-XSRF-TOKEN header with the XSRF-TOKEN cookie's value."),
						API))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/** One way to check a password, shared by the login form and the JSON login. */
	@Bean
	AuthenticationManager authenticationManager(AuthenticationProvider accountServiceAuthentication) {
		return new ProviderManager(accountServiceAuthentication);
	}
}
