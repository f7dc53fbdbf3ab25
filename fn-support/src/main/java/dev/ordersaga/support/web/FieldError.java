package dev.ordersaga.support.web;

/**
 * One offending field of a rejected request, listed in the {@code errors} member of a
 * problem response.
 *
 * @param field JSON path of the field, e.g. {@code lines[0].unitPrice.amount}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
