package io.webchat.gateway.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-up form. It posts to {@code POST /api/accounts/users} itself (js/register.js), the
 * one API call a visitor may make, so the gateway only has to show it.
 */
@Controller
class SignUpPageController {

	@GetMapping("/register")
	String signUpPage() {
		return "register";
	}
}
