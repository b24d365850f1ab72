package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.Store;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what became of a Slack message, once per alert it is about, with its destination; the outcome of a message
 * in an outbox takes it out ({@link Store#done}). A message that could not be delivered is a dead letter: its
 * {@code failed} record holds it whole, from where it can be read or posted again by hand.
 */
public final class SlackAudit {

    private final Store store;
    private final ObjectMapper mapper;

    public SlackAudit(Store store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /**
     * Slack took it: {@code sent}, or {@code resent} when an earlier sender may have posted it already; a Slack app's
     * thread is kept as the post left it.
     */
    public void sent(@Body SlackPost post, @Header(Exchange.REDELIVERY_COUNTER) Integer retries) {
        store.done(SlackOutboxes.entry(post), records(post, post.mayHaveBeenSent() ? Outcome.RESENT : Outcome.SENT, null, retries),
                post.thread());
    }

    /** Retries ran out, or Slack refused the message for good: audited and kept as a dead letter. */
    public void failed(@Body SlackPost post, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error,
                       @Header(Exchange.REDELIVERY_COUNTER) Integer retries) {
        String reason = post.destination().redact(String.valueOf(error.getMessage()));
        List<AuditEvent> records = new ArrayList<>(records(post, Outcome.FAILED, reason, retries));
        // The message whole, once, on its first alert's record: GET /audit?event=slack&outcome=failed lists the dead letters.
        // (none if it failed before it was rendered: its alerts are on the records)
        if (post.payload() != null) {
            records.set(0, records.get(0).with("payload", tree(post.payload())));
        }
        store.done(SlackOutboxes.entry(post), records);
    }

    /** The destination has no webhook URL nor bot token: the audit says so rather than staying silent. */
    public void disabled(@Body SlackPost post) {
        record(post, Outcome.DISABLED, "no webhook URL is set (alerthook.slack.webhook-url), nor a bot token (alerthook.slack.bot-token)", null);
    }

    /** A newer message of the same group was waiting and went instead. */
    public void coalesced(@Body SlackPost post) {
        store.done(SlackOutboxes.entry(post), records(post, Outcome.COALESCED, null, null));
    }

    private JsonNode tree(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(SlackPost post, Outcome outcome, String error, Integer retries) {
        store.record(records(post, outcome, error, retries));
    }

    /** One record per alert the message is about. */
    static List<AuditEvent> records(SlackPost post, Outcome outcome, String error, Integer retries) {
        return post.alerts().stream()
                .map(alert -> AuditEvent.of(Event.SLACK, outcome, alert)
                        .with("message", post.kind())
                        .with("slackDestination", post.destination().name())
                        .with("retries", retries == null || retries == 0 ? null : retries)
                        .with("error", error))
                .toList();
    }
}
