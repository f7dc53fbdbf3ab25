/**
 * email-fn tells customers about their orders: one e-mail of each kind per order,
 * addressed from a replica of their contact data. This package holds the ids both
 * features share; {@code contact} and {@code sending} are the domain, the other
 * sub-packages are adapters.
 */
package dev.ordersaga.email;
