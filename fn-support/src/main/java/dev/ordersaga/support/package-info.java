/**
 * Plumbing shared by every saga service: the CloudEvents envelope, the MongoDB outbox,
 * idempotent event ids, dead-letter classification and problem+json errors. Nothing here
 * knows a business event.
 */
package dev.ordersaga.support;
