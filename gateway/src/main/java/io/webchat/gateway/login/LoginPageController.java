package io.webchat.gateway.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginPageController {

	@GetMapping("/login")
	String loginPage() {
		return "login";
	}
}
