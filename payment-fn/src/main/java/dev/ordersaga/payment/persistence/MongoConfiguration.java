package dev.ordersaga.payment.persistence;

import java.util.List;

import dev.ordersaga.payment.CustomerId;
import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.PaymentId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/** Typed ids are stored as their string form, so documents stay readable and queryable by hand. */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return new MongoCustomConversions(List.of(new OrderIdWriter(), new OrderIdReader(), new CustomerIdWriter(),
				new CustomerIdReader(), new PaymentIdWriter(), new PaymentIdReader()));
	}

	@WritingConverter
	static final class OrderIdWriter implements Converter<OrderId, String> {

		@Override
		public String convert(OrderId source) {
			return source.toString();
		}
	}

	@ReadingConverter
	static final class OrderIdReader implements Converter<String, OrderId> {

		@Override
		public OrderId convert(String source) {
			return OrderId.of(source);
		}
	}

	@WritingConverter
	static final class CustomerIdWriter implements Converter<CustomerId, String> {

		@Override
		public String convert(CustomerId source) {
			return source.toString();
		}
	}

	@ReadingConverter
	static final class CustomerIdReader implements Converter<String, CustomerId> {

		@Override
		public CustomerId convert(String source) {
			return CustomerId.of(source);
		}
	}

	@WritingConverter
	static final class PaymentIdWriter implements Converter<PaymentId, String> {

		@Override
		public String convert(PaymentId source) {
			return source.toString();
		}
	}

	@ReadingConverter
	static final class PaymentIdReader implements Converter<String, PaymentId> {

		@Override
		public PaymentId convert(String source) {
			return PaymentId.of(source);
		}
	}
}
