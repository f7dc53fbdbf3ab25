/**
 * The replica of what email-fn needs to address a customer: contact data from
 * customer-fn's compacted {@code customer-profiles} topic, and which customer each order
 * belongs to, learnt from order and payment events.
 */
package dev.ordersaga.email.contact;
