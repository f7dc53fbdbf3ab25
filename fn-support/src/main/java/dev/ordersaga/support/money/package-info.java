/**
 * Money as integer minor units plus an ISO-4217 currency, shared as a value type like
 * {@code java.time}.
 */
package dev.ordersaga.support.money;
