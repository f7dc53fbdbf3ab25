package dev.ordersaga.support.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Stores typed ids ({@code record OrderId(UUID value)}) as their string form, so that
 * documents stay readable and can be queried by hand, instead of as an embedded
 * {@code {value: …}} document.
 *
 * <pre>
 * &#64;Bean
 * MongoCustomConversions mongoCustomConversions() {
 *     return StringIds.conversions(StringIds.of(OrderId.class, OrderId::of), StringIds.of(CustomerId.class, CustomerId::of));
 * }
 * </pre>
 */
public final class StringIds {

	private StringIds() {
	}

	/**
	 * The writing and reading converter of one id type: written with {@code toString()},
	 * read with {@code parse}.
	 */
	public static <T> List<GenericConverter> of(Class<T> type, Function<String, T> parse) {
		return List.of(new Writer(type), new Reader<>(type, parse));
	}

	/** Custom conversions made of the converters of every given id type. */
	@SafeVarargs
	public static MongoCustomConversions conversions(List<GenericConverter>... idTypes) {
		List<GenericConverter> converters = new ArrayList<>();
		for (List<GenericConverter> idType : idTypes) {
			converters.addAll(idType);
		}
		return new MongoCustomConversions(converters);
	}

	@WritingConverter
	private record Writer(Class<?> type) implements GenericConverter {

		@Override
		public Set<ConvertiblePair> getConvertibleTypes() {
			return Set.of(new ConvertiblePair(type, String.class));
		}

		@Override
		public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
			return source == null ? null : source.toString();
		}
	}

	@ReadingConverter
	private record Reader<T>(Class<T> type, Function<String, T> parse) implements GenericConverter {

		@Override
		public Set<ConvertiblePair> getConvertibleTypes() {
			return Set.of(new ConvertiblePair(String.class, type));
		}

		@Override
		public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
			return source == null ? null : parse.apply((String) source);
		}
	}

}
