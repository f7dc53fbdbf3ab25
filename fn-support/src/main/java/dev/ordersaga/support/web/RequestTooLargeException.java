package dev.ordersaga.support.web;

import java.io.IOException;

/** Thrown while reading a request body that grew beyond the configured limit. */
public class RequestTooLargeException extends IOException {

	public RequestTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

}
