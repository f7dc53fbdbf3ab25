package dev.ordersaga.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by every saga service.
 *
 * @param maxRequestBody largest HTTP request body accepted; larger ones get 413
 * problem+json
 */
@ConfigurationProperties("saga.http")
public record SagaSupportProperties(@DefaultValue("64KB") DataSize maxRequestBody) {
}
