package io.webchat.gateway.login;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;

@Controller
class LoginPageController {

	/** Where a throttled form login is rendered, answered 429 with the form and a message. */
	static final String THROTTLED_PATH = "/login/throttled";

	static final String RETRY_AFTER_ATTRIBUTE = "retryAfterSeconds";

	@GetMapping("/login")
	String loginPage() {
		return "login";
	}

	@GetMapping(THROTTLED_PATH)
	String throttledLoginPage(ServerWebExchange exchange, Model model) {
		Long retryAfterSeconds = exchange.getAttribute(RETRY_AFTER_ATTRIBUTE);
		model.addAttribute(RETRY_AFTER_ATTRIBUTE, (retryAfterSeconds != null) ? retryAfterSeconds : 60L);
		return "login";
	}
}
