/**
 * customer-fn's HTTP API: registering customers, reading them with their available
 * credit, changing them.
 */
package dev.ordersaga.customer.web;
