/**
 * MongoDB mapping of customers and the conditional atomic writes that move their credit.
 */
package dev.ordersaga.customer.persistence;
