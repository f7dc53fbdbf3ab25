package dev.ordersaga.charts;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series a PromQL expression reads: each metric name with the {@code application}
 * label its selector pins (the service that exports it). Enough PromQL for the chart's
 * own rules and dashboard: selectors, functions, aggregations with grouping, range
 * vectors, comparisons.
 */
final class PromQl {

	/** A metric read by an expression, from the service named by its selector. */
	record Series(String metric, String application) {

		@Override
		public String toString() {
			return metric + " " + application;
		}

	}

	private static final Pattern SELECTOR = Pattern
		.compile("(?<![a-zA-Z0-9_:$.])([a-zA-Z_:][a-zA-Z0-9_:]*+)\\s*+(\\{[^}]*})?(?!\\s*\\()");

	private static final Pattern APPLICATION = Pattern.compile("application\\s*=\\s*\"([^\"]*)\"");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");

	private PromQl() {
	}

	static Set<Series> series(String expression) {
		// grouping label lists and range durations name no metric
		String expr = expression.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
			.replaceAll("\\[[^]]*]", " ");
		Set<Series> series = new LinkedHashSet<>();
		Matcher matcher = SELECTOR.matcher(expr);
		while (matcher.find()) {
			String name = matcher.group(1);
			String labels = matcher.group(2);
			if (KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)) || isInsideBraces(expr, matcher.start())) {
				continue;
			}
			Matcher application = APPLICATION.matcher(labels == null ? "" : labels);
			if (!application.find()) {
				throw new AssertionError("selector of " + name + " does not pin the exporting service with "
						+ "application=\"...\": " + expression);
			}
			series.add(new Series(name, application.group(1)));
		}
		return series;
	}

	private static boolean isInsideBraces(String expr, int index) {
		int open = expr.lastIndexOf('{', index);
		return open >= 0 && expr.lastIndexOf('}', index) < open;
	}

}
