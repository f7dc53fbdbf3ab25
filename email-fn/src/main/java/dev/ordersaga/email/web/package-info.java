/** email-fn's HTTP API: the mail log of an order ({@code GET /emails?orderId=}). */
package dev.ordersaga.email.web;
