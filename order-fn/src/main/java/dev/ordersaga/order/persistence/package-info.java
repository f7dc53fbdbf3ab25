/** MongoDB mapping of orders and the outbox-carrying writes. */
package dev.ordersaga.order.persistence;
