/**
 * A stand-in for an external card payment provider in test mode: a Stripe-like charges
 * and refunds API with idempotency keys and magic test tokens, plus switches (outage,
 * latency) and ledgers that demos and tests use. In-memory state only; it is a test
 * double of a third party, not part of the saga.
 */
package dev.ordersaga.sandbox;
