package dev.ordersaga.support.web;

/** A request body type: it lives in a {@code web} package. */
public record RequestBodyForTest(String name) {
}
