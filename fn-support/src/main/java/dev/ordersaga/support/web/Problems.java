package dev.ordersaga.support.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Problem responses services raise from their HTTP edge; rendered by
 * {@link ProblemDetailsAdvice}.
 */
public final class Problems {

	private Problems() {
	}

	public static ErrorResponseException notFound(String what, Object id) {
		return problem(HttpStatus.NOT_FOUND, what + " not found", "No " + what.toLowerCase() + " with id " + id);
	}

	public static ErrorResponseException conflict(String title, String detail) {
		return problem(HttpStatus.CONFLICT, title, detail);
	}

	public static ErrorResponseException unprocessable(String title, String detail) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, title, detail);
	}

	public static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
