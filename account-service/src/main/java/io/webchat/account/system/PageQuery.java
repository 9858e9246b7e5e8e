package io.webchat.account.system;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;

/**
 * Which page of a list the client asks for. Every list has one fixed order, stated in its
 * description, so there is no sort parameter that could name a property the query lacks; and a
 * size out of bounds is a 400 that says so rather than silently clamped.
 *
 * @param page zero-based page number, 0 when absent
 * @param size items per page, {@value #DEFAULT_SIZE} when absent, at most {@value #MAX_SIZE}
 */
public record PageQuery(
		@Parameter(description = "Zero-based page number.", example = "0",
				schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0"))
		@Min(0) Integer page,
		@Parameter(description = "Items per page, 1 to " + PageQuery.MAX_SIZE + ".", example = "20",
				schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + PageQuery.MAX_SIZE,
						defaultValue = "" + PageQuery.DEFAULT_SIZE))
		@Min(1) @Max(PageQuery.MAX_SIZE) Integer size) {

	public static final int DEFAULT_SIZE = 100;

	/** The chat page asks for its whole contact list in one page of this size. */
	public static final int MAX_SIZE = 1000;

	/** Unsorted: each query states its own order. */
	public Pageable pageable() {
		return PageRequest.of((this.page != null) ? this.page : 0, (this.size != null) ? this.size : DEFAULT_SIZE);
	}
}
