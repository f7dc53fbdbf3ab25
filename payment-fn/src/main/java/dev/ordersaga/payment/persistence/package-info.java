/** MongoDB mapping of payments and their conditional single-document writes. */
package dev.ordersaga.payment.persistence;
