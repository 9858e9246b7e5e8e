package io.webchat.account.user;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The password rule on its own: long enough, short enough for BCrypt, not a common one. */
class AcceptablePasswordTests {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void buildValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@Test
	void acceptsEightCharactersOfAnyScript() {
		assertThat(problems("plum tre")).isEmpty();
		assertThat(problems("春眠不觉晓处处闻")).isEmpty();
	}

	@Test
	void countsCharactersNotJavaCharsSoAnEmojiIsOne() {
		assertThat(problems("🙂🙂🙂🙂🙂🙂🙂")).containsExactly("must be at least 8 characters");
		assertThat(problems("🙂🙂🙂🙂🙂🙂🙂🙂")).isEmpty();
	}

	@Test
	void acceptsExactlySeventyTwoBytesAndRefusesOneMore() {
		assertThat(problems("x".repeat(72))).isEmpty();
		assertThat(problems("x".repeat(73))).singleElement().asString().contains("at most 72 bytes");
		// 24 Chinese characters are 72 bytes in UTF-8; the 25th is too many
		assertThat(problems("春".repeat(24))).isEmpty();
		assertThat(problems("春".repeat(25))).singleElement().asString().contains("at most 72 bytes");
	}

	@Test
	void refusesTheCommonestPasswordsWhateverTheirCase() {
		for (String common : List.of("password", "PASSWORD1", "Qwerty123", "iloveyou", "woaini1314", "12345678")) {
			assertThat(problems(common)).as(common).singleElement().asString().contains("most common");
		}
	}

	@Test
	void leavesMissingAndBlankPasswordsToNotBlank() {
		assertThat(problems(null)).isEmpty();
		assertThat(problems("        ")).isEmpty();
	}

	private static List<String> problems(String password) {
		Set<ConstraintViolation<Candidate>> violations = validator.validate(new Candidate(password));
		return violations.stream().map(ConstraintViolation::getMessage).toList();
	}

	record Candidate(@AcceptablePassword String password) {
	}
}
