package dev.ordersaga.support.events;

/**
 * A decoded incoming event: its envelope and its typed body.
 */
public record InboundEvent<T>(EventMetadata metadata, T data) {
}
