package io.webchat.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem straight to the servlet response, for refusals made in filters before
 * Spring MVC (and its problem handling) is reached: security, size limits.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// bytes, not a Writer: a Writer would append "charset=ISO-8859-1" to the media type
		response.getOutputStream().write(body(status, detail));
	}

	/** The problem as JSON bytes: written by hand, so that a refusal costs no object mapping. */
	static byte[] body(HttpStatus status, String detail) {
		return ("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
				+ ",\"detail\":\"" + escape(detail) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}
}
