package io.webchat.account.user;

import java.nio.charset.StandardCharsets;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Says which rule a password breaks, so the form can tell the user what to change. Public, as any
 * Bean Validation provider (not only Spring's) must be able to create it.
 */
public class AcceptablePasswordValidator implements ConstraintValidator<AcceptablePassword, String> {

	static final int MIN_LENGTH = 8;

	static final int MAX_UTF8_BYTES = 72;

	@Override
	public boolean isValid(String password, ConstraintValidatorContext context) {
		if (password == null || password.isBlank()) {
			return true;
		}
		String broken = brokenRule(password);
		if (broken == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(broken).addConstraintViolation();
		return false;
	}

	private static String brokenRule(String password) {
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return "must be at least " + MIN_LENGTH + " characters";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
			return "must be at most " + MAX_UTF8_BYTES + " bytes in UTF-8 (72 Latin letters, about 24 Chinese characters)";
		}
		if (CommonPasswords.contains(password)) {
			return "is one of the most common passwords; choose one that is harder to guess";
		}
		return null;
	}
}
