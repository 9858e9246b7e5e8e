package io.webchat.account.system;

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

	/**
	 * The server URL is relative: the spec is read through the gateway, and "Try it out" must
	 * call the gateway (with the session cookie), never this service's internal address.
	 */
	@Bean
	OpenAPI accountServiceOpenApi() {
		return new OpenAPI()
			.info(new Info().title("webchat account-service")
				.version("v1")
				.description("Users, friendships and groups. Through the gateway a logged-in browser session is enough; "
						+ "called directly, every endpoint but registration needs the gateway's identity token."))
			.servers(java.util.List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes("identityToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("identityToken"));
	}
}
