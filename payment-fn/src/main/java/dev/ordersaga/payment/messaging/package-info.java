/**
 * payment-fn's Kafka edge: the ce_types it reads and writes, the function the binding
 * invokes, the container error handling (wait for the provider, dead-letter poison) and
 * the pause of the binding while the provider is down.
 */
package dev.ordersaga.payment.messaging;
