package io.webchat.account.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A password we are willing to hash: at least {@value AcceptablePasswordValidator#MIN_LENGTH}
 * characters, at most {@value AcceptablePasswordValidator#MAX_UTF8_BYTES} bytes in UTF-8 (BCrypt
 * reads no further, and Spring Security refuses longer ones rather than cut them), and not one of
 * the commonest passwords. A {@code null} is left to {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = AcceptablePasswordValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface AcceptablePassword {

	String message() default "is not an acceptable password";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
