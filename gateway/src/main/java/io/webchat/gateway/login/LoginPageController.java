package io.webchat.gateway.login;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
class LoginPageController {

	/** Where a throttled form login is forwarded to, answered 429 with the form and a message. */
	static final String THROTTLED_PATH = "/login/throttled";

	@GetMapping("/login")
	String loginPage() {
		return "login";
	}

	@RequestMapping(THROTTLED_PATH)
	String throttledLoginPage(@RequestAttribute(name = "retryAfterSeconds", required = false) Long retryAfterSeconds,
			Model model) {
		model.addAttribute("retryAfterSeconds", (retryAfterSeconds != null) ? retryAfterSeconds : 60L);
		return "login";
	}
}
