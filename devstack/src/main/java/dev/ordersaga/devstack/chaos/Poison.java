package dev.ordersaga.devstack.chaos;

/**
 * A record injected on purpose that no consumer can process.
 *
 * @param topic where it was published
 * @param key its record key, unique per poison record: how its dead letters are
 * recognised
 * @param deadLettered whether a consumer group with a dead-letter topic reads
 * {@code topic}, so that it must end up in {@code <topic>.dlq}
 */
public record Poison(String topic, String key, boolean deadLettered) {
}
