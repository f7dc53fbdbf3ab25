/**
 * audit-fn's Kafka edge: reading every event and dead-letter record into the audit's
 * terms, the consumer functions the bindings invoke, and the consumer-group lag read
 * through Kafka's admin API.
 */
package dev.ordersaga.audit.messaging;
