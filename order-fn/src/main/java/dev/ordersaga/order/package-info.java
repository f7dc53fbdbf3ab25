/**
 * Orders and the saga's visible state: an order is placed PENDING, approved or cancelled
 * by the customer's credit decision, completed by its payment. This package is the
 * domain; adapters live in sub-packages.
 */
package dev.ordersaga.order;
