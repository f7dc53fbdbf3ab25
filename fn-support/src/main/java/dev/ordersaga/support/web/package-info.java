/**
 * The HTTP edge every service shares: RFC 9457 problem+json errors and a request body
 * size limit.
 */
package dev.ordersaga.support.web;
