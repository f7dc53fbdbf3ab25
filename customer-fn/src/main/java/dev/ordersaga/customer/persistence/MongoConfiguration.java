package dev.ordersaga.customer.persistence;

import dev.ordersaga.customer.CustomerId;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.support.mongo.StringIds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Typed ids are stored as their string form, so documents stay readable and queryable by
 * hand.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return StringIds.conversions(StringIds.of(CustomerId.class, CustomerId::of),
				StringIds.of(OrderId.class, OrderId::of));
	}

}
