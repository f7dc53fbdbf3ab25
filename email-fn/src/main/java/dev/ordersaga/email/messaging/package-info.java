/**
 * email-fn's Kafka edge: the ce_types it reads and writes and the function beans the
 * bindings invoke.
 */
package dev.ordersaga.email.messaging;
