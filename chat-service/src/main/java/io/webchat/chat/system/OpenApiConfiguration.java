package io.webchat.chat.system;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/** Relative server URL: "Try it out" goes through the gateway, never to this instance directly. */
	@Bean
	OpenAPI chatServiceOpenApi() {
		return new OpenAPI()
			.info(new Info().title("webchat chat-service")
				.version("v1")
				.description("Sending messages and receiving them by long poll. Through the gateway a logged-in "
						+ "browser session is enough; called directly, every endpoint needs the gateway's identity token."))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes("identityToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("identityToken"));
	}
}
