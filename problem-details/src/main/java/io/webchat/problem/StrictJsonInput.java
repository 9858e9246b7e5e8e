package io.webchat.problem;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * The one rule for JSON a service reads: every value has the JSON type of its field, and Jackson
 * converts nothing into it. Jackson's defaults are lenient in ways that turned wrong input into
 * wrong actions ({@code "to": 29.5} sent to user 29, {@code "msg": true} stored as the text
 * "true", {@code "type": 0} read as the first enum constant); with this rule each is a 400 that
 * names the field ({@link ValidationProblems#unreadableBody}). In detail:
 * <ul>
 * <li>a whole-number field (an id, a size) takes a JSON integer only: not {@code 29.5}, {@code 1.0}
 * or {@code 1e3}, not a string ({@code "2"}, {@code ""}), not {@code true};</li>
 * <li>a text field takes a JSON string only: not {@code 424206070630}, {@code 1.5} or
 * {@code true};</li>
 * <li>a true/false field takes {@code true} or {@code false} only: not {@code 1}, not
 * {@code "true"};</li>
 * <li>a decimal field takes a JSON number only;</li>
 * <li>an enum takes one of its documented names only, in the documented case: not its ordinal
 * ({@code 0}, {@code "0"});</li>
 * <li>an object may not name a field twice ({@code {"to": 2, "to": 3}}), since which one counts
 * would otherwise be the reader's choice.</li>
 * </ul>
 * Jackson 3 already refuses, by default, a value where an array or object is expected and the
 * other way round, a {@code null} for a primitive, content after the JSON value, an enum name in
 * another case, and numbers out of their field's range; unknown fields are refused by each
 * service's {@code spring.jackson.deserialization.fail-on-unknown-properties=true}.
 * <p>
 * {@link ProblemDetailsAutoConfiguration} applies it to the {@code JsonMapper} Spring Boot builds,
 * which reads request bodies on both web stacks (and every other JSON the service reads with that
 * mapper: what it wrote itself to Redis, answers of the other services, which all keep the rule).
 */
public class StrictJsonInput implements JsonMapperBuilderCustomizer, Ordered {

	/** After Boot's own customizer, so that a {@code spring.jackson.*} property cannot loosen the rule. */
	public static final int ORDER = 100;

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Integer,
					(config) -> fail(config, CoercionInputShape.Float, CoercionInputShape.String,
							CoercionInputShape.EmptyString, CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Float,
					(config) -> fail(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> fail(config, CoercionInputShape.Integer, CoercionInputShape.Float,
							CoercionInputShape.String, CoercionInputShape.EmptyString))
			.withCoercionConfig(LogicalType.Textual,
					(config) -> fail(config, CoercionInputShape.Integer, CoercionInputShape.Float,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Enum,
					(config) -> fail(config, CoercionInputShape.Integer, CoercionInputShape.EmptyString));
	}

	private static void fail(tools.jackson.databind.cfg.MutableCoercionConfig config, CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}
}
