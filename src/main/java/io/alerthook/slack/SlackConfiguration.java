package io.alerthook.slack;

import io.alerthook.AlerthookProperties;
import io.alerthook.alert.SeverityFilter;
import io.alerthook.audit.AuditLog;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans routes/slack.camel.yaml calls by name. The webhook URL itself goes to camel-slack's component. */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SlackConfiguration.class);

    @Bean
    SlackWebhook slackWebhook(AlerthookProperties properties) {
        SlackWebhook webhook = new SlackWebhook(properties.slack().webhookUrl());
        if (!webhook.isConfigured()) {
            LOG.info("Slack is disabled: alerthook.slack.webhook-url is not set; the audit records alerts as slack/disabled");
        }
        return webhook;
    }

    @Bean
    SeverityFilter slackSeverities(AlerthookProperties properties) {
        return new SeverityFilter(properties.slack().severities());
    }

    @Bean
    SlackMessageFormatter slackMessageFormatter() {
        return new SlackMessageFormatter();
    }

    @Bean
    HealReportFormatter healReportFormatter() {
        return new HealReportFormatter();
    }

    @Bean
    SlackPoster slackPoster(ProducerTemplate template) {
        return new SlackPoster(template);
    }

    @Bean
    SlackAudit slackAudit(AuditLog log, SlackWebhook webhook) {
        return new SlackAudit(log, webhook);
    }
}
