/**
 * Saga audit: every event of an order kept once in a timeline, and the business rules of
 * the saga (EVENTS.md) evaluated over it as events arrive and as deadlines pass. This
 * package is the domain; adapters live in sub-packages.
 */
package dev.ordersaga.audit;
