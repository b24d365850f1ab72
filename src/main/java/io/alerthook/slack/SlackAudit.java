package io.alerthook.slack;

import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.AuditLog;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Records what became of a Slack message, once per alert it is about. */
public final class SlackAudit {

    private final AuditLog log;
    private final SlackWebhook webhook;

    public SlackAudit(AuditLog log, SlackWebhook webhook) {
        this.log = log;
        this.webhook = webhook;
    }

    public void sent(@Body SlackPost post) {
        record(post, "sent", null);
    }

    public void failed(@Body SlackPost post, @ExchangeProperty("CamelExceptionCaught") Exception error) {
        // The webhook URL is a credential: it never reaches the audit, even inside an error message.
        record(post, "failed", webhook.redact(String.valueOf(error.getMessage())));
    }

    /** No webhook URL is configured: the audit says so rather than staying silent. */
    public void disabled(@Body SlackPost post) {
        record(post, "disabled", "alerthook.slack.webhook-url is not set");
    }

    private void record(SlackPost post, String outcome, String error) {
        log.append(post.alerts().stream()
                .map(alert -> AuditEvent.of("slack", outcome, alert).with("message", post.kind()).with("error", error))
                .toList());
    }
}
