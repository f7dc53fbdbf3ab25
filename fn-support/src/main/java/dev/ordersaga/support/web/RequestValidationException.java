package dev.ordersaga.support.web;

import java.util.List;

/**
 * A request that passed bean validation but breaks a rule spanning several fields;
 * answered with 400 and the offending fields, like any other validation failure.
 */
public class RequestValidationException extends RuntimeException {

	private final List<FieldError> errors;

	public RequestValidationException(List<FieldError> errors) {
		super(errors.toString());
		this.errors = List.copyOf(errors);
	}

	public RequestValidationException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}

}
