/**
 * The CloudEvents (Kafka binary mode) envelope: encoding outgoing events, decoding
 * incoming ones tolerantly by {@code ce_type}, deterministic event ids for idempotent
 * handlers, and the poison-message classification.
 */
package dev.ordersaga.support.events;
