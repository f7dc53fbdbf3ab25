/** order-fn's HTTP API: placing orders and reading their state (ARCHITECTURE §7). */
package dev.ordersaga.order.web;
