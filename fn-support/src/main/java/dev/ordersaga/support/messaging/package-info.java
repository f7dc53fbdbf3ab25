/**
 * What every saga consumer does with a record it could not handle: poison goes to the
 * binding's dead-letter topic at once, anything else is tried again until it succeeds.
 */
package dev.ordersaga.support.messaging;
