package dev.ordersaga.contracts;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;

/**
 * Finds a service's consumer tests: the methods annotated with {@link ConsumerContract}.
 */
public final class ConsumerTests {

	private ConsumerTests() {
	}

	/**
	 * The labels of the contracts the tests under {@code basePackage} feed into the
	 * service, one entry per test (a label tested twice appears twice).
	 */
	public static List<String> labelsTestedIn(String basePackage) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter((reader, factory) -> reader.getAnnotationMetadata()
			.hasAnnotatedMethods(ConsumerContract.class.getName()));
		List<String> labels = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(),
					ConsumerTests.class.getClassLoader());
			for (Method method : type.getDeclaredMethods()) {
				ConsumerContract contract = method.getAnnotation(ConsumerContract.class);
				if (contract != null) {
					labels.add(contract.value());
				}
			}
		}
		return labels;
	}

}
