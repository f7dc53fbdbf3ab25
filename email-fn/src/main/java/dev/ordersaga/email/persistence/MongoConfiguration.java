package dev.ordersaga.email.persistence;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
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
		return StringIds.conversions(StringIds.of(OrderId.class, OrderId::of),
				StringIds.of(CustomerId.class, CustomerId::of));
	}

}
