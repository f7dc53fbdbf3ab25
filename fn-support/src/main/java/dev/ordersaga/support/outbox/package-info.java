/**
 * Transactional outbox without multi-document transactions: events ride in the aggregate
 * document written by the business change, and a relay publishes them, then removes them.
 */
package dev.ordersaga.support.outbox;
