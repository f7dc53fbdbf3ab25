/** payment-fn's HTTP API: reading the payment of an order. */
package dev.ordersaga.payment.web;
