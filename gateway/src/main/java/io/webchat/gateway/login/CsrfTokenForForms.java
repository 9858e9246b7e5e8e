package io.webchat.gateway.login;

import reactor.core.publisher.Mono;

import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves the XSRF token before a page is rendered, where Thymeleaf's {@code th:action} finds
 * it and adds it to the form as a hidden field (WebFlux makes the token only when asked).
 */
@ControllerAdvice(assignableTypes = { LoginPageController.class, SignUpPageController.class })
class CsrfTokenForForms {

	@ModelAttribute
	Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null) ? token.doOnSuccess((resolved) -> exchange.getAttributes()
			.put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, resolved)) : Mono.empty();
	}
}
