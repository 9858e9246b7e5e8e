package io.webchat.account.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.webchat.account.AccountServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API document a Swagger UI user learns the API from. Writes it to
 * {@code target/openapi/account-service.json}, where CI lints it (see .ci/run), and checks what a
 * linter cannot know: that every operation says what it does and how it can be refused.
 */
class OpenApiDocumentTests extends AccountServiceIntegrationTest {

	static final Path SPEC_FILE = Path.of("target", "openapi", "account-service.json");

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

	@Autowired
	ObjectMapper json;

	JsonNode spec;

	@BeforeEach
	void readTheLiveDocument() throws Exception {
		String body = as(newUser("Reader"), get("/api/accounts/v3/api-docs")).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Files.createDirectories(SPEC_FILE.getParent());
		Files.writeString(SPEC_FILE, body);
		this.spec = this.json.readTree(body);
	}

	@Test
	void theDocumentNeedsTheGatewaysTokenLikeEveryOtherCall() throws Exception {
		this.mvc.perform(get("/api/accounts/v3/api-docs")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/swagger-ui.html")).andExpect(status().isUnauthorized());
	}

	@Test
	void writesTheDocumentForTheLinter() {
		assertThat(SPEC_FILE).exists();
		assertThat(this.spec.path("openapi").asString()).startsWith("3.");
	}

	@Test
	void everyOperationHasAnIdASummaryATagAndItsErrorResponses() {
		operations().forEach((name, operation) -> {
			assertThat(operation.path("operationId").asString()).as("%s operationId", name).isNotBlank();
			assertThat(operation.path("summary").asString()).as("%s summary", name).isNotBlank();
			assertThat(operation.path("tags")).as("%s tags", name).isNotEmpty();
			List<String> codes = new ArrayList<>(operation.path("responses").propertyNames());
			assertThat(codes).as("%s responses", name).anyMatch((code) -> code.startsWith("2"));
			assertThat(codes).as("%s error responses", name).anyMatch((code) -> code.startsWith("4"));
		});
	}

	@Test
	void everyErrorIsAProblemDocumentWithAnExample() {
		operations().forEach((name, operation) -> operation.path("responses").properties().forEach((entry) -> {
			if (entry.getKey().startsWith("4")) {
				JsonNode problem = entry.getValue().path("content").path("application/problem+json");
				assertThat(problem.isMissingNode()).as("%s %s is problem+json", name, entry.getKey()).isFalse();
				assertThat(problem.has("example") || problem.has("examples"))
					.as("%s %s has an example", name, entry.getKey())
					.isTrue();
			}
		}));
	}

	@Test
	void everyParameterIsDescribedWithAnExample() {
		operations().forEach((name, operation) -> operation.path("parameters").forEach((parameter) -> {
			String what = name + " parameter " + parameter.path("name").asString();
			assertThat(parameter.path("description").asString()).as(what).isNotBlank();
			assertThat(parameter.has("example") || parameter.path("schema").has("example")).as(what + " example").isTrue();
		}));
	}

	@Test
	void everySchemaAndPropertyIsDescribed() {
		this.spec.path("components").path("schemas").properties().forEach((schema) -> {
			assertThat(schema.getValue().path("description").asString()).as("schema %s", schema.getKey()).isNotBlank();
			schema.getValue().path("properties").properties().forEach((property) -> {
				JsonNode value = property.getValue();
				boolean described = !value.path("description").asString().isBlank() || value.has("$ref");
				assertThat(described).as("%s.%s", schema.getKey(), property.getKey()).isTrue();
			});
		});
	}

	@Test
	void registrationIsTheOnlyOperationThatNeedsNoLogin() {
		operations().forEach((name, operation) -> {
			boolean publicOperation = operation.has("security") && operation.path("security").isEmpty();
			assertThat(publicOperation).as(name).isEqualTo(name.equals("post /api/accounts/users"));
		});
	}

	private Map<String, JsonNode> operations() {
		Map<String, JsonNode> operations = new java.util.LinkedHashMap<>();
		this.spec.path("paths").properties().forEach((path) -> METHODS.forEach((method) -> {
			if (path.getValue().has(method)) {
				operations.put(method + " " + path.getKey(), path.getValue().path(method));
			}
		}));
		assertThat(operations).isNotEmpty();
		return operations;
	}
}
