/**
 * Payments of approved orders: at most one charge per order through an external provider
 * (idempotency key = order id), never after the order's payBy, and exactly one refund
 * when a charged order is cancelled. This package is the domain; adapters (messaging,
 * persistence, provider, web) live in sub-packages.
 */
package dev.ordersaga.payment;
