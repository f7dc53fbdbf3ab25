/**
 * Embedded but real infrastructure (KRaft Kafka broker, MongoDB wire-protocol server,
 * SMTP server) and every saga service as a child JVM, for the local run
 * ({@link dev.ordersaga.devstack.DevStack}) and the end-to-end tests.
 */
package dev.ordersaga.devstack;
