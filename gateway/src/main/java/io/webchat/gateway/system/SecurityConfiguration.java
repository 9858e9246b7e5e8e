package io.webchat.gateway.system;

import java.net.URI;

import io.webchat.gateway.login.LoginFailureHandler;
import io.webchat.gateway.login.LoginSucceeded;
import io.webchat.gateway.session.LoggedInSessions;
import io.webchat.problem.ReactiveProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authorization.HttpStatusServerAccessDeniedHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;


/**
 * Two filter chains: a lean one for the chat API, which carries nearly every request (polls,
 * acknowledgements, sends) and needs only the login, CSRF and authorization; and the full one
 * for the pages, the login and logout, and the account API.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Scripts only from this origin (the page has no inline script), nothing may frame the page.
	 * Inline styles stay allowed for Swagger UI; they cannot run code.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
			+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

	private static final ServerWebExchangeMatcher API = ServerWebExchangeMatchers.pathMatchers("/api/**");

	private static final ServerWebExchangeMatcher JSON_LOGIN = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
			"/api/session");

	private static final ServerAuthenticationEntryPoint LOG_IN_FIRST = (exchange, ex) -> ReactiveProblemResponses
		.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED,
				"Log in first: POST /api/session with your username and password.");

	private static final ServerAuthenticationEntryPoint TO_LOGIN_PAGE = new RedirectServerAuthenticationEntryPoint(
			"/login");

	private static final ServerAccessDeniedHandler CSRF_REFUSED = (exchange, ex) -> ReactiveProblemResponses.write(
			exchange.getResponse(), HttpStatus.FORBIDDEN,
			"Refused: a state-changing call needs the X-XSRF-TOKEN header with the XSRF-TOKEN cookie's value.");

	private static final ServerAccessDeniedHandler PAGE_DENIED = new HttpStatusServerAccessDeniedHandler(
			HttpStatus.FORBIDDEN);

	/**
	 * The token is made only when something asks for it; asking on every page and account call
	 * sets the cookie the page's scripts and Swagger UI read before their first state-changing call.
	 */
	private static final WebFilter XSRF_COOKIE_FOR_EVERY_PAGE = (exchange, chain) -> {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null) ? token.then(chain.filter(exchange)) : chain.filter(exchange);
	};

	/**
	 * A readable XSRF-TOKEN cookie that the page's fetch calls echo in X-XSRF-TOKEN (and the
	 * login form in a hidden field). The token is compared as it is: it lives in a cookie the
	 * page reads, so masking it per request would protect nothing.
	 */
	@Bean
	ServerCsrfTokenRepository csrfTokens() {
		CookieServerCsrfTokenRepository tokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
		tokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		return tokens;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain chatApiSecurity(ServerHttpSecurity http, LoggedInSessions loggedIn,
			ServerCsrfTokenRepository csrfTokens) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/chat/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.securityContextRepository(loggedIn)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.accessDeniedHandler(CSRF_REFUSED))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(LOG_IN_FIRST)
				.accessDeniedHandler(CSRF_REFUSED))
			.headers(SecurityConfiguration::securityHeaders)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.build();
	}

	@Bean
	SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, LoggedInSessions loggedIn,
			ReactiveAuthenticationManager accountServiceAuthentication, ServerCsrfTokenRepository csrfTokens,
			LoginSucceeded loginSucceeded) {
		SecurityContextServerLogoutHandler endSession = new SecurityContextServerLogoutHandler();
		endSession.setSecurityContextRepository(loggedIn);
		RedirectServerLogoutSuccessHandler toLoginPage = new RedirectServerLogoutSuccessHandler();
		toLoginPage.setLogoutSuccessUrl(URI.create("/login?logout"));
		return http
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/login", "/login/throttled", "/register", "/js/register.js", "/css/**", "/js/i18n/**",
						"/webjars/**", "/favicon.ico", "/favicon.svg", "/actuator/health/**", "/error")
				.permitAll()
				// registration and login are the API calls a visitor may make
				.pathMatchers(HttpMethod.POST, "/api/accounts/users", "/api/session")
				.permitAll()
				.anyExchange()
				.authenticated())
			.securityContextRepository(loggedIn)
			.formLogin((form) -> form.loginPage("/login")
				.authenticationManager(accountServiceAuthentication)
				.securityContextRepository(loggedIn)
				.authenticationSuccessHandler(loginSucceeded)
				.authenticationFailureHandler(new LoginFailureHandler()))
			.logout((logout) -> logout.logoutHandler((handlers) -> handlers
				.replaceAll((handler) -> (handler instanceof SecurityContextServerLogoutHandler) ? endSession : handler))
				.logoutSuccessHandler(toLoginPage))
			// the JSON login is exempt: it only accepts application/json, which a cross-site form
			// cannot send, and it has no session to ride on yet
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
						new NegatedServerWebExchangeMatcher(JSON_LOGIN))))
			.addFilterAfter(XSRF_COOKIE_FOR_EVERY_PAGE, SecurityWebFiltersOrder.CSRF)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this::apiOrPageEntryPoint)
				.accessDeniedHandler((exchange, denied) -> API.matches(exchange)
					.flatMap((match) -> match.isMatch() ? CSRF_REFUSED.handle(exchange, denied)
							: PAGE_DENIED.handle(exchange, denied))))
			.headers(SecurityConfiguration::securityHeaders)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.build();
	}

	/**
	 * No observation of each security filter, authentication and authorization: a noticeable
	 * share of a request's CPU, for spans nobody reads. HTTP server metrics stay.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	private Mono<Void> apiOrPageEntryPoint(ServerWebExchange exchange, AuthenticationException ex) {
		return API.matches(exchange)
			.flatMap((match) -> match.isMatch() ? LOG_IN_FIRST.commence(exchange, ex) : TO_LOGIN_PAGE.commence(exchange, ex));
	}

	private static void securityHeaders(ServerHttpSecurity.HeaderSpec headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
	}
}
