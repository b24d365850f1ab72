package io.alerthook.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import io.alerthook.AlerthookProperties;
import io.alerthook.alert.SeverityFilter;
import io.alerthook.healing.HealApprovals;
import io.alerthook.metrics.DomainMetrics;
import io.alerthook.store.Outboxes;
import io.alerthook.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The beans routes/slack.camel.yaml and routes/slack-actions.camel.yaml call by name, the outbox route per destination,
 * and the door of Slack's interactions.
 */
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

    /** The Slack SDK's client, for webhooks and the Web API. */
    @Bean(destroyMethod = "close")
    Slack slackSdk(AlerthookProperties properties) {
        return SlackSdk.connect(properties.slack().apiUrl(), properties.slack().timeout());
    }

    /** Paces posts to each webhook, and each channel a Slack app posts to. */
    @Bean
    SlackPacing slackPacing(AlerthookProperties properties, Store store) {
        return pacing(Duration.ofMillis(properties.slack().sendInterval()), store, "");
    }

    @Bean
    SlackThreads slackThreads(AlerthookProperties properties, Store store, Slack sdk, SlackPacing pacing, SlackMessageFormatter formatter,
                              ObjectMapper mapper) {
        AlerthookProperties.Slack slack = properties.slack();
        return new SlackThreads(store, new SlackApi(sdk, Clock.systemUTC()), pacing,
                pacing(Duration.ofMillis(slack.updateInterval()), store, "chat.update/"), formatter::fitted, slack.thread(),
                !slack.signingSecret().isEmpty(), mapper);
    }

    @Bean
    SlackPoster slackPoster(Slack sdk, SlackPacing pacing, SlackThreads threads) {
        return new SlackPoster(new SlackClient(sdk, Clock.systemUTC()), pacing, threads);
    }

    /**
     * Paces posts, sharing each sender's turns with the other alerthooks through the store; {@code kind} keeps apart the
     * turns of senders that share an id (an app's {@code chat.update} and its posts).
     */
    private static SlackPacing pacing(Duration interval, Outboxes store, String kind) {
        return new SlackPacing(interval, Clock.systemUTC(), new SlackPacing.SharedTurns() {
            @Override
            public Duration wait(String senderId) {
                return store.senderWait(kind + senderId);
            }

            @Override
            public void hold(String senderId, Duration hold) {
                store.holdSender(kind + senderId, hold);
            }
        });
    }

    @Bean
    FilterRegistrationBean<SlackSignatureFilter> slackSignatureFilter(AlerthookProperties properties, ObjectMapper mapper) {
        FilterRegistrationBean<SlackSignatureFilter> registration = new FilterRegistrationBean<>(new SlackSignatureFilter(
                new SlackRequestVerifier(properties.slack().signingSecret(), Clock.systemUTC()), mapper));
        registration.addUrlPatterns("/hooks/slack/interactions");
        return registration;
    }

    @Bean
    SlackInteractions slackInteractions(ObjectMapper mapper) {
        return new SlackInteractions(mapper);
    }

    @Bean
    SlackActions slackActions(AlerthookProperties properties, SlackDestinations destinations, Store store, SlackThreads threads,
                              HealApprovals approvals, SlackApprovals slackApprovals, Slack sdk, ObjectMapper mapper) {
        return new SlackActions(destinations, store, threads,
                new AlertmanagerSilences(properties.alertmanager(), mapper, properties.slack().timeout()), approvals, slackApprovals, sdk,
                properties.slack().allowedUsers(), Clock.systemUTC());
    }

    @Bean
    SlackApprovals slackApprovals(SlackDestinations destinations, HealApprovals approvals) {
        return new SlackApprovals(destinations, approvals);
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
