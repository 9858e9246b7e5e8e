package io.webchat.problem;

import com.fasterxml.jackson.annotation.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link StrictJsonInput} refuses and what it still accepts, value by value; the answers a
 * client gets for them are in {@link BothStacksAnswerAlikeTests} and in each service's tests.
 */
class StrictJsonInputTests {

	private final JsonMapper strict = strict();

	private final JsonMapper lenient = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"id\": 2}", "{\"id\": -2}", "{\"id\": null}", "{\"size\": 50}", "{\"text\": \"hi\"}",
			"{\"text\": \"\"}", "{\"text\": \"42\"}", "{\"flag\": true}", "{\"flag\": false}", "{\"amount\": 1.5}",
			"{\"amount\": 2}", "{\"amount\": 1e3}", "{\"kind\": \"single\"}", "{\"kind\": \"group\"}",
			"{\"role\": \"OWNER\"}", "{}" })
	void acceptsEveryValueOfItsFieldsJsonType(String json) {
		assertThat(this.strict.readValue(json, Fields.class)).isEqualTo(this.lenient.readValue(json, Fields.class));
	}

	@ParameterizedTest(name = "{0} ({1})")
	@CsvSource(delimiter = '|', textBlock = """
			{"id": 29.5}                    | an id with a fraction
			{"id": 1.0}                     | an id with a zero fraction
			{"id": 1e3}                     | an id with an exponent
			{"id": "2"}                     | an id in quotes
			{"id": "29.5"}                  | a fraction in quotes
			{"id": " 2"}                    | an id in quotes with a space
			{"id": ""}                      | an empty string for an id
			{"id": true}                    | a boolean for an id
			{"id": [2]}                     | an array for an id
			{"id": 99999999999999999999}    | an id out of range
			{"size": 2.5}                   | an int with a fraction
			{"size": "50"}                  | an int in quotes
			{"text": 424206070630}          | an integer for text
			{"text": 1.5}                   | a fraction for text
			{"text": true}                  | a boolean for text
			{"text": ["hi"]}                | an array for text
			{"text": {}}                    | an object for text
			{"flag": 1}                     | a number for a boolean
			{"flag": "true"}                | a boolean in quotes
			{"amount": "1.5"}               | a decimal in quotes
			{"kind": 0}                     | an ordinal for an enum
			{"kind": "0"}                   | an ordinal in quotes for an enum
			{"kind": "SINGLE"}              | an enum's constant name where its JSON name is lower case
			{"kind": "Single"}              | an enum name in another case
			{"kind": ""}                    | an empty enum
			{"role": 1}                     | an ordinal for a plain enum
			{"role": "owner"}               | a plain enum in lower case
			{"id": 2, "id": 3}              | a field twice
			{"id": 2} {"id": 3}             | a second value after the first
			""")
	void refusesEveryOtherValue(String json, String what) {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.strict.readValue(json, Fields.class));
	}

	@Test
	void isTheRuleOfTheMapperBootBuildsForEveryService() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class))
			// a property cannot loosen it: the rule is applied after Boot's own settings
			.withPropertyValues("spring.jackson.deserialization.accept-float-as-int=true")
			.run((context) -> {
				JsonMapper json = context.getBean(JsonMapper.class);
				assertThatExceptionOfType(JacksonException.class)
					.isThrownBy(() -> json.readValue("{\"id\": 29.5}", Fields.class));
				assertThatExceptionOfType(JacksonException.class)
					.isThrownBy(() -> json.readValue("{\"text\": true}", Fields.class));
				assertThatExceptionOfType(JacksonException.class)
					.isThrownBy(() -> json.readValue("{\"kind\": 0}", Fields.class));
				assertThat(json.readValue("{\"id\": 29, \"kind\": \"single\"}", Fields.class))
					.isEqualTo(new Fields(29L, null, null, null, null, Kind.SINGLE, null));
			});
	}

	/** The JsonMapper a service reads requests with, as Boot builds it with this module's rule. */
	static JsonMapper strict() {
		return strictBuilder().build();
	}

	static JsonMapper.Builder strictBuilder() {
		JsonMapper.Builder builder = JsonMapper.builder();
		new StrictJsonInput().customize(builder);
		return builder;
	}

	record Fields(Long id, Integer size, String text, Boolean flag, Double amount, Kind kind, Role role) {
	}

	/** Read and written by lower-case names, as chat-service's message type is. */
	enum Kind {

		SINGLE("single"), GROUP("group");

		private final String wireName;

		Kind(String wireName) {
			this.wireName = wireName;
		}

		@JsonValue
		String wireName() {
			return this.wireName;
		}

	}

	enum Role {

		OWNER, MEMBER

	}
}
