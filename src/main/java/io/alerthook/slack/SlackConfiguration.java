package io.alerthook.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import io.alerthook.alert.SeverityFilter;
import io.alerthook.metrics.DomainMetrics;
import io.alerthook.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** The beans routes/slack.camel.yaml calls by name, and the outbox route per destination. */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SlackConfiguration.class);

    @Bean
    SlackDestinations slackDestinations(AlerthookProperties properties) {
        SlackDestinations destinations = new SlackDestinations(properties.slack());
        destinations.all().forEach(destination -> LOG.info("Slack: {}{}", destination,
                destination.isConfigured() ? "" : "; its alerts are audited as slack/disabled"));
        return destinations;
    }

    @Bean
    SlackOutboxes slackOutboxes(SlackDestinations destinations, Store store, ObjectMapper mapper, AlerthookProperties properties,
                                DomainMetrics metrics) {
        return new SlackOutboxes(destinations, store, mapper, properties.slack().queueSize(), properties.lease().length(),
                metrics.takeovers("slack"));
    }

    @Bean
    SeverityFilter slackSeverities(AlerthookProperties properties) {
        return new SeverityFilter(properties.slack().severities());
    }

    @Bean
    SlackMessageFormatter slackMessageFormatter(SlackDestinations destinations, AlerthookProperties properties) {
        SlackTemplate template = new SlackTemplate(properties.slack().template());
        LOG.info("Slack messages: template {}", template.location());
        return new SlackMessageFormatter(destinations, template, properties.slack().maxAlertsShown());
    }

    @Bean
    HealReportFormatter healReportFormatter(SlackDestinations destinations) {
        return new HealReportFormatter(destinations);
    }

    @Bean
    SlackPoster slackPoster(AlerthookProperties properties, Store store) {
        return new SlackPoster(new SlackClient(properties.slack().timeout(), Clock.systemUTC()),
                new SlackPacing(Duration.ofMillis(properties.slack().sendInterval()), Clock.systemUTC(), new SlackPacing.SharedTurns() {
                    @Override
                    public Duration wait(String webhookId) {
                        return store.senderWait(webhookId);
                    }

                    @Override
                    public void hold(String webhookId, Duration hold) {
                        store.holdSender(webhookId, hold);
                    }
                }));
    }

    @Bean
    SlackRetryPolicy slackRetryPolicy(AlerthookProperties properties, SlackOutboxes outboxes) {
        return new SlackRetryPolicy(properties.slack().maxAge(), outboxes, Clock.systemUTC());
    }

    @Bean
    SlackAudit slackAudit(Store store, ObjectMapper mapper) {
        return new SlackAudit(store, mapper);
    }
}
