package io.webchat.account.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an endpoint can answer with. The OpenAPI document turns them into error responses,
 * one per status, with an {@code application/problem+json} example for each problem type.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Refusals {

	AccountProblem[] value();

}
