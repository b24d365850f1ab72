package io.alerthook.metrics;

import io.alerthook.AlerthookProperties;
import io.alerthook.store.Store;
import io.alerthook.slack.SlackOutboxes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** Every meter names the replica ({@code alerthook.replica-id}), so replicas behind one Service can be told apart. */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> replicaTag(AlerthookProperties properties) {
        return registry -> registry.config().commonTags("replica", properties.replicaId());
    }

    @Bean
    DomainMetrics domainMetrics(MeterRegistry registry, Store store) {
        DomainMetrics metrics = new DomainMetrics(registry);
        store.observe(metrics);
        return metrics;
    }

    /** The {@code audit} component of /actuator/health, part of readiness. */
    @Bean
    AuditHealthIndicator auditHealthIndicator(Store store) {
        return new AuditHealthIndicator(store);
    }

    @Bean
    MeterBinder pipelineBacklog(CamelContext camel) {
        return new PipelineBacklog(camel);
    }

    @Bean
    MeterBinder slackDestinationMeters(SlackOutboxes outboxes, DomainMetrics metrics) {
        return registry -> outboxes.destinations().forEach(destination -> {
            Gauge.builder("alerthook.slack.queue.depth", outboxes, o -> o.waiting(destination))
                    .description("Slack messages waiting in the destination's outbox")
                    .tag("destination", destination)
                    .register(registry);
            metrics.expectSlackDestination(destination);
        });
    }
}
