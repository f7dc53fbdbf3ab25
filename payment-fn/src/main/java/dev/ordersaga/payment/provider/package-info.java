/**
 * The payment provider adapter: its HTTP API (Stripe-like, see payment-sandbox) spoken
 * through {@code RestClient}, and the Resilience4j protection around every call.
 */
package dev.ordersaga.payment.provider;
