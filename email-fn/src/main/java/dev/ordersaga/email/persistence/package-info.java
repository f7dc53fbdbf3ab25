/**
 * MongoDB mapping of the mail log and the contact replica, and the outbox-carrying writes
 * of the mail log.
 */
package dev.ordersaga.email.persistence;
