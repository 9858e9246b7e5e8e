package io.webchat.account.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String PROBLEM_SCHEMA = "Problem";

	private static final String VALIDATION_PROBLEM_SCHEMA = "ValidationProblem";

	/**
	 * The server URL is relative: the spec is read through the gateway, and "Try it out" must
	 * call the gateway (with the session cookie), never this service's internal address.
	 */
	@Bean
	OpenAPI accountServiceOpenApi() {
		return new OpenAPI()
			.info(new Info().title("webchat account-service")
				.version("v1")
				.description("""
						Users, friendships and groups: who may chat with whom.

						Through the gateway a logged-in browser session is enough; called directly, every endpoint \
						but registration needs the gateway's identity token. Every error is \
						`application/problem+json` (RFC 9457) whose `type` (`urn:webchat:problem:<name>`) is \
						stable to branch on; validation errors list each field under `errors`. Lists are paged \
						with `page` and `size` and answer `content` plus `page` metadata.

						JSON bodies are read strictly: every value has its field's JSON type and nothing is \
						converted. Ids and sizes are JSON integers (not `2.0`, `2e0`, `"2"` or `true`), texts are \
						JSON strings (not `42` or `true`); a field given twice or not in the schema is refused. \
						Each refusal is a `400` naming the field under `errors`."""))
			.servers(List.of(new Server().url("/").description("The gateway that served this document")))
			.components(new Components()
				.addSecuritySchemes("identityToken",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("The gateway's short-lived identity token; the gateway adds it for a "
									+ "logged-in session."))
				.addSchemas(PROBLEM_SCHEMA, problemSchema())
				.addSchemas(VALIDATION_PROBLEM_SCHEMA, validationProblemSchema()))
			.addSecurityItem(new SecurityRequirement().addList("identityToken"));
	}

	/**
	 * Documents each endpoint's refusals from its {@link Refusals}, and the 401 of every
	 * endpoint that needs a login, so that Swagger UI shows what can go wrong and what it looks like.
	 */
	@Bean
	OperationCustomizer refusalsCustomizer() {
		return (operation, handlerMethod) -> {
			Refusals declared = handlerMethod.getMethodAnnotation(Refusals.class);
			List<AccountProblem> problems = new ArrayList<>(
					(declared != null) ? Arrays.asList(declared.value()) : List.of());
			Map<HttpStatus, List<AccountProblem>> byStatus = problems.stream()
				.collect(Collectors.groupingBy(AccountProblem::status, LinkedHashMap::new, Collectors.toList()));
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			byStatus.forEach((status, ofStatus) -> responses.addApiResponse(String.valueOf(status.value()),
					problemResponse(ofStatus)));
			if (!handlerMethod.hasMethodAnnotation(SecurityRequirements.class)) {
				responses.addApiResponse("401", unauthenticatedResponse());
			}
			operation.setResponses(responses);
			return operation;
		};
	}

	/** Describes the page wrappers springdoc generates, which carry no description of their own. */
	@Bean
	OpenApiCustomizer pageSchemaDescriptions() {
		return (openApi) -> {
			Map<String, Schema> schemas = openApi.getComponents().getSchemas();
			if (schemas == null) {
				return;
			}
			schemas.forEach((name, schema) -> {
				if (name.startsWith("PagedModel")) {
					schema.setDescription("One page of a list: `content` holds the items, `page` says where the "
							+ "page lies in the whole list.");
					describeProperty(schema, "content", "The items on this page, in the list's order.");
					describeProperty(schema, "page", "Where this page lies in the whole list.");
				}
			});
			Schema<?> metadata = schemas.get("PageMetadata");
			if (metadata != null) {
				metadata.setDescription("The position of a page in a list.");
				describeProperty(metadata, "size", "Items per page, as requested.", 20);
				describeProperty(metadata, "number", "Zero-based number of this page.", 0);
				describeProperty(metadata, "totalElements", "Items in the whole list.", 42);
				describeProperty(metadata, "totalPages", "Pages in the whole list at this size.", 3);
			}
		};
	}

	private static void describeProperty(Schema<?> schema, String property, String description) {
		describeProperty(schema, property, description, null);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void describeProperty(Schema<?> schema, String property, String description, Object example) {
		if (schema.getProperties() == null || !schema.getProperties().containsKey(property)) {
			return;
		}
		// springdoc writes OpenAPI 3.1, where a $ref may carry a description beside it
		Schema propertySchema = schema.getProperties().get(property);
		propertySchema.setDescription(description);
		if (example != null) {
			propertySchema.setExample(example);
		}
	}

	private static ApiResponse problemResponse(List<AccountProblem> problems) {
		String description = (problems.size() == 1) ? problems.get(0).when()
				: problems.stream()
					.map((problem) -> "- `" + problem.type() + "`: " + problem.when())
					.collect(Collectors.joining("\n"));
		boolean validation = problems.contains(AccountProblem.INVALID_REQUEST);
		MediaType mediaType = new MediaType().schema(new Schema<>().$ref("#/components/schemas/"
				+ (validation ? VALIDATION_PROBLEM_SCHEMA : PROBLEM_SCHEMA)));
		for (AccountProblem problem : problems) {
			mediaType.addExamples(problem.type(), new Example().summary(problem.when()).value(example(problem)));
		}
		return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, mediaType));
	}

	private static Map<String, Object> example(AccountProblem problem) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", problem.typeUri());
		example.put("title", problem.status().getReasonPhrase());
		example.put("status", problem.status().value());
		example.put("detail", problem.when());
		if (problem == AccountProblem.INVALID_REQUEST) {
			example.put("detail", "The request has invalid fields.");
			example.put("errors", List.of(Map.of("field", "displayName", "message", "must not be blank")));
		}
		return example;
	}

	private static ApiResponse unauthenticatedResponse() {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "about:blank");
		example.put("title", "Unauthorized");
		example.put("status", 401);
		example.put("detail", "A valid identity token is required.");
		return new ApiResponse().description("Not logged in (through the gateway), or no valid identity token.")
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))
						.example(example)));
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem: why a request was refused.")
			.addProperty("type", new StringSchema().format("uri")
				.description("What went wrong, stable for clients to branch on: `urn:webchat:problem:<name>`.")
				.example("urn:webchat:problem:group-full"))
			.addProperty("title", new StringSchema().description("The HTTP status in words.").example("Conflict"))
			.addProperty("status", new IntegerSchema().description("The HTTP status code.").example(409))
			.addProperty("detail", new StringSchema().description("What went wrong in this case, for people.")
				.example("The group already has its maximum of 200 members."))
			.addProperty("instance", new StringSchema().format("uri-reference")
				.description("The request path that was refused.")
				.example("/api/accounts/groups/1/members"));
	}

	private static Schema<?> validationProblemSchema() {
		Schema<?> fieldError = new ObjectSchema().description("One invalid field or parameter.")
			.addProperty("field", new StringSchema().description("The field's name as sent, or the parameter's name.")
				.example("displayName"))
			.addProperty("message", new StringSchema().description("What is wrong with it.")
				.example("must not be blank"));
		Schema<?> schema = problemSchema().description("A problem whose `errors` list every invalid field.");
		schema.addProperty("errors",
				new ArraySchema().items(fieldError).description("Each invalid field with its message."));
		return schema;
	}
}
