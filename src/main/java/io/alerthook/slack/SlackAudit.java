package io.alerthook.slack;

import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.AuditLog;
import org.apache.camel.ExchangeProperty;

import java.util.List;

/** Records what became of a group's Slack message, once per alert in it. */
public final class SlackAudit {

    static final String ALERTS = "slackAlerts";

    private final AuditLog log;
    private final SlackWebhook webhook;

    public SlackAudit(AuditLog log, SlackWebhook webhook) {
        this.log = log;
        this.webhook = webhook;
    }

    public void sent(@ExchangeProperty(ALERTS) List<AlertEvent> alerts) {
        record(alerts, "sent", null);
    }

    public void failed(@ExchangeProperty(ALERTS) List<AlertEvent> alerts,
                       @ExchangeProperty("CamelExceptionCaught") Exception error) {
        // The webhook URL is a credential: it never reaches the audit, even inside an error message.
        record(alerts, "failed", webhook.redact(String.valueOf(error.getMessage())));
    }

    /** No webhook URL is configured: the audit says so rather than staying silent. */
    public void disabled(List<AlertEvent> alerts) {
        record(alerts, "disabled", "alerthook.slack.webhook-url is not set");
    }

    private void record(List<AlertEvent> alerts, String outcome, String error) {
        log.append(alerts.stream().map(alert -> AuditEvent.of("slack", outcome, alert).with("error", error)).toList());
    }
}
