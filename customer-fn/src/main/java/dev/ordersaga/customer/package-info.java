/**
 * Customers and their credit: a customer's limit caps the total of the credit reserved
 * for their open orders; order events reserve, release and settle it. This package is the
 * domain; adapters live in sub-packages.
 */
package dev.ordersaga.customer;
