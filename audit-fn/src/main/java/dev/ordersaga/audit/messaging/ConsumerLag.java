package dev.ordersaga.audit.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.audit.AuditProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * How far each service's consumer group is behind the end of the topics it reads, from
 * Kafka's admin API: committed offsets ({@code listConsumerGroupOffsets}) against the end
 * offsets ({@code listOffsets}). Read on a schedule; the latest reading is served.
 */
public class ConsumerLag implements SchedulingConfigurer, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

	private static final long TIMEOUT_SECONDS = 5;

	/**
	 * One group's lag.
	 *
	 * @param group the consumer group
	 * @param lag records not yet consumed, over all its partitions; {@code null} when the
	 * group has committed no offset (not started, or unknown)
	 * @param byTopic the lag per topic
	 * @param readAt when it was read
	 */
	public record GroupLag(String group, Long lag, Map<String, Long> byTopic, Instant readAt) {
	}

	private final KafkaBinderConfigurationProperties binder;

	private final AuditProperties properties;

	private final Clock clock;

	private volatile Map<String, GroupLag> latest;

	private final ReadProgress progress;

	private final String auditGroup;

	private Admin admin;

	ConsumerLag(KafkaBinderConfigurationProperties binder, AuditProperties properties, ReadProgress progress,
			String auditGroup, Clock clock) {
		this.binder = binder;
		this.progress = progress;
		this.auditGroup = auditGroup;
		this.properties = properties;
		this.clock = clock;
		this.latest = properties.consumerGroups()
			.stream()
			.collect(Collectors.toMap(Function.identity(), group -> new GroupLag(group, null, Map.of(), null),
					(a, b) -> a, LinkedHashMap::new));
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::refresh, properties.lagInterval());
	}

	/** The latest reading per group, in the configured order of the groups. */
	public Map<String, GroupLag> latest() {
		return latest;
	}

	void refresh() {
		Map<String, GroupLag> reading = new LinkedHashMap<>();
		for (String group : properties.consumerGroups()) {
			try {
				reading.put(group, read(group));
			}
			catch (Exception ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				log.debug("Could not read the lag of consumer group {}: {}", group, ex.toString());
				reading.put(group, latest.getOrDefault(group, new GroupLag(group, null, Map.of(), null)));
			}
		}
		latest = reading;
		try {
			readEnds();
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.debug("Could not read the end offsets of the saga topics: {}", ex.toString());
		}
	}

	/**
	 * The end of every partition of the saga topics, and how far audit-fn's own group
	 * committed: what tells whether the audit has read a topic to its end.
	 */
	private void readEnds() throws Exception {
		Instant asked = clock.instant();
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<TopicDescription>> topic : admin()
			.describeTopics(progress.topics())
			.topicNameValues()
			.entrySet()) {
			try {
				topic.getValue()
					.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
					.partitions()
					.forEach(partition -> partitions.put(new TopicPartition(topic.getKey(), partition.partition()),
							OffsetSpec.latest()));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin().listOffsets(partitions)
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.forEach((partition, end) -> ends.put(partition, end.offset()));
		Map<TopicPartition, Long> committed = new HashMap<>();
		admin().listConsumerGroupOffsets(auditGroup)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.forEach((partition, offset) -> {
				if (offset != null) {
					committed.put(partition, offset.offset());
				}
			});
		progress.ends(ends, committed, asked);
	}

	private GroupLag read(String group) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		committed.values().removeIf(java.util.Objects::isNull);
		if (committed.isEmpty()) {
			return new GroupLag(group, null, Map.of(), clock.instant());
		}
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin()
			.listOffsets(committed.keySet()
				.stream()
				.collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		Map<String, Long> byTopic = new TreeMap<>();
		committed.forEach((partition, offset) -> {
			ListOffsetsResult.ListOffsetsResultInfo end = ends.get(partition);
			long behind = end == null ? 0 : Math.max(0, end.offset() - offset.offset());
			byTopic.merge(partition.topic(), behind, Long::sum);
		});
		return new GroupLag(group, byTopic.values().stream().mapToLong(Long::longValue).sum(), byTopic,
				clock.instant());
	}

	private synchronized Admin admin() {
		if (admin == null) {
			Map<String, Object> config = new HashMap<>();
			binder.getConfiguration().forEach((key, value) -> {
				if (AdminClientConfig.configNames().contains(key)) {
					config.put(key, value);
				}
			});
			config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "audit-fn-lag");
			config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
					(int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
			admin = Admin.create(config);
		}
		return admin;
	}

	@Override
	public synchronized void destroy() {
		if (admin != null) {
			admin.close(java.time.Duration.ofSeconds(2));
		}
	}

}
