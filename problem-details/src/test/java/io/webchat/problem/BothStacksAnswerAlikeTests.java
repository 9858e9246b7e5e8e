package io.webchat.problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The same bad request gets the same problem from a Spring MVC service ({@link ApiProblemAdvice})
 * and from a WebFlux one ({@link ReactiveApiProblemAdvice}): status, content type, type, title,
 * detail and the fields at fault.
 */
class BothStacksAnswerAlikeTests {

	private final LocalValidatorFactoryBean validator = validator();

	private final MockMvc servlet = MockMvcBuilders.standaloneSetup(validated(new ServletGreetings()))
		.setMessageConverters(new JacksonJsonHttpMessageConverter(StrictJsonInputTests.strictBuilder()))
		.setControllerAdvice(new ApiProblemAdvice())
		.setValidator(this.validator)
		.build();

	private final WebTestClient reactive = WebTestClient.bindToController(validated(new ReactiveGreetings()))
		.httpMessageCodecs((codecs) -> codecs.defaultCodecs()
			.jacksonJsonDecoder(new JacksonJsonDecoder(StrictJsonInputTests.strictBuilder())))
		.controllerAdvice(new ReactiveApiProblemAdvice())
		.validator(this.validator)
		.build();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a field breaks its constraint | {"to": 2, "text": " "}                 | 400 | The request has invalid fields.                                 | text
			a field has the wrong type    | {"to": "abc", "text": "hi"}            | 400 | The request has invalid fields.                                 | to
			an id has a fraction          | {"to": 29.5, "text": "hi"}             | 400 | The request has invalid fields.                                 | to
			an id is in quotes            | {"to": "2", "text": "hi"}              | 400 | The request has invalid fields.                                 | to
			an id is out of range         | {"to": 99999999999999999999}           | 400 | The request has invalid fields.                                 | to
			a text is a number            | {"to": 2, "text": 424206070630}        | 400 | The request has invalid fields.                                 | text
			a text is a boolean           | {"to": 2, "text": true}                | 400 | The request has invalid fields.                                 | text
			an enum is an ordinal         | {"to": 2, "text": "hi", "tone": 0}     | 400 | The request has invalid fields.                                 | tone
			an enum is in another case    | {"to": 2, "text": "hi", "tone": "LOUD"} | 400 | The request has invalid fields.                                | tone
			a field is given twice        | {"to": 2, "to": 3, "text": "hi"}       | 400 | The request has invalid fields.                                 | to
			a value follows the object    | {"to": 2, "text": "hi"} {}             | 400 | The request body is not the JSON object this endpoint expects. |
			the body is not an object     | [{"to": 2}]                            | 400 | The request body is not the JSON object this endpoint expects. |
			the body is cut short         | '{"to": 2,'                            | 400 | The request body is not the JSON object this endpoint expects. |
			there is no body              | ''                                     | 400 | The request body is missing or unreadable.                     |
			""")
	void aBadBody(String what, String body, int status, String detail, String field) throws Exception {
		Map<String, Object> fromServlet = problem(this.servlet.perform(post("/greetings")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn());
		WebTestClient.RequestBodySpec reactiveRequest = this.reactive.post()
			.uri("/greetings")
			.contentType(MediaType.APPLICATION_JSON);
		Map<String, Object> fromReactive = problem(
				(body.isEmpty() ? reactiveRequest : reactiveRequest.bodyValue(body)).exchange()
					.expectBody(String.class)
					.returnResult());

		assertThat(fromServlet).containsEntry("status", status)
			.containsEntry("body type", "urn:webchat:problem:validation")
			.containsEntry("body detail", detail);
		assertThat(fromServlet.get("fields")).isEqualTo((field != null) ? List.of(field) : List.of());
		assertThat(fromReactive).isEqualTo(fromServlet);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a path variable breaks its constraint | /greetings/not-a-number | 400
			an ApiProblem                         | /greetings/404          | 404
			a parameter of the wrong type         | /greetings?page=x       | 400
			""")
	void aBadPathOrARefusal(String what, String path, int status) throws Exception {
		Map<String, Object> fromServlet = problem(this.servlet.perform(get(path)).andReturn());
		Map<String, Object> fromReactive = problem(
				this.reactive.get().uri(path).exchange().expectBody(String.class).returnResult());

		assertThat(fromServlet).containsEntry("status", status);
		assertThat(fromReactive).isEqualTo(fromServlet);
	}

	private static Map<String, Object> problem(MvcResult result) throws Exception {
		return problem(result.getResponse().getStatus(), result.getResponse().getContentType(),
				result.getResponse().getContentAsString());
	}

	private static Map<String, Object> problem(EntityExchangeResult<String> result) {
		return problem(result.getStatus().value(), String.valueOf(result.getResponseHeaders().getContentType()),
				result.getResponseBody());
	}

	/** What a client sees of a problem: all but {@code instance}, and the errors' messages. */
	private static Map<String, Object> problem(int status, String contentType, String body) {
		assertThat(MediaType.parseMediaType(contentType)).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		DocumentContext json = JsonPath.using(Configuration.defaultConfiguration()
			.addOptions(Option.DEFAULT_PATH_LEAF_TO_NULL)).parse(body);
		Map<String, Object> problem = new HashMap<>();
		problem.put("status", status);
		for (String field : List.of("status", "type", "title", "detail")) {
			problem.put("body " + field, json.read("$." + field));
		}
		problem.put("fields", json.read("$..errors[*].field"));
		return problem;
	}

	private static LocalValidatorFactoryBean validator() {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return validator;
	}

	/** A controller proxied for method validation, as a {@code @Validated} bean is in a service. */
	@SuppressWarnings("unchecked")
	private <T> T validated(T controller) {
		MethodValidationPostProcessor methodValidation = new MethodValidationPostProcessor();
		methodValidation.setValidator(this.validator);
		methodValidation.setProxyTargetClass(true);
		methodValidation.afterPropertiesSet();
		return (T) methodValidation.postProcessAfterInitialization(controller, "greetings");
	}

	record Greeting(@NotNull @Positive Long to, @NotBlank String text, Tone tone) {
	}

	enum Tone {

		QUIET("quiet"), LOUD("loud");

		private final String wireName;

		Tone(String wireName) {
			this.wireName = wireName;
		}

		@JsonValue
		String wireName() {
			return this.wireName;
		}

	}

	@RestController
	@Validated
	static class ServletGreetings {

		@GetMapping("/greetings")
		Greeting page(@RequestParam int page) {
			return null;
		}

		@PostMapping("/greetings")
		Greeting send(@Valid @RequestBody Greeting greeting) {
			return greeting;
		}

		@GetMapping("/greetings/{id}")
		Greeting find(@PathVariable @Pattern(regexp = "[0-9]+") String id) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "greeting-not-found", "No greeting " + id + ".");
		}

	}

	@RestController
	@Validated
	static class ReactiveGreetings {

		@GetMapping("/greetings")
		Mono<Greeting> page(@RequestParam int page) {
			return Mono.empty();
		}

		@PostMapping("/greetings")
		Mono<Greeting> send(@Valid @RequestBody Greeting greeting) {
			return Mono.just(greeting);
		}

		@GetMapping("/greetings/{id}")
		Mono<Greeting> find(@PathVariable @Pattern(regexp = "[0-9]+") String id) {
			return Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "greeting-not-found", "No greeting " + id + "."));
		}

	}
}
