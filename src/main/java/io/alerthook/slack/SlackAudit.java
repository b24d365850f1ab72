package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.Store;
import io.alerthook.store.file.JsonLinesFile;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what became of a Slack message, once per alert it is about, with its destination. A message that could
 * not be delivered also goes whole to the dead-letter file ({@code alerthook.slack.dead-letter-file}), from where
 * it can be read or posted again by hand.
 */
public final class SlackAudit implements AutoCloseable {

    private final Store store;
    private final JsonLinesFile deadLetters;
    private final ObjectMapper mapper;

    public SlackAudit(Store store, JsonLinesFile deadLetters, ObjectMapper mapper) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
    }

    public void sent(@Body SlackPost post, @Header(Exchange.REDELIVERY_COUNTER) Integer retries) {
        record(post, Outcome.SENT, null, retries);
    }

    /** Retries ran out, or Slack refused the message for good: audited and kept as a dead letter. */
    public void failed(@Body SlackPost post, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error,
                       @Header(Exchange.REDELIVERY_COUNTER) Integer retries) {
        String reason = post.destination().redact(String.valueOf(error.getMessage()));
        JsonNode payload = tree(post.payload());
        List<AuditEvent> records = new ArrayList<>(records(post, Outcome.FAILED, reason, retries));
        // The message whole, once, on its first alert's record: GET /audit?event=slack&outcome=failed lists the dead letters.
        records.set(0, records.get(0).with("payload", payload));
        store.record(records);
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("time", Instant.now().toString());
        letter.put("destination", post.destination().name());
        letter.put("message", post.kind());
        letter.put("error", reason);
        letter.put("fingerprints", post.alerts().stream().map(alert -> alert.alert().fingerprint()).toList());
        letter.put("payload", payload);
        deadLetters.append(List.of(letter));
    }

    /** The destination has no webhook URL: the audit says so rather than staying silent. */
    public void disabled(@Body SlackPost post) {
        record(post, Outcome.DISABLED, "no webhook URL is set (alerthook.slack.webhook-url)", null);
    }

    /** The destination's outbox is full (alerthook.slack.queue-size): Slack is far behind, this message is not sent. */
    public void dropped(@Body SlackPost post) {
        record(post, Outcome.DROPPED, "the Slack queue of " + post.destination().name() + " is full", null);
    }

    /** A newer message of the same group was waiting and went instead. */
    public void coalesced(@Body SlackPost post) {
        record(post, Outcome.COALESCED, null, null);
    }

    /** alerthook stopped before this message's turn came. */
    public void undelivered(@Body SlackPost post) {
        record(post, Outcome.UNDELIVERED, "alerthook stopped before the message was sent", null);
    }

    private JsonNode tree(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        deadLetters.close();
    }

    private void record(SlackPost post, Outcome outcome, String error, Integer retries) {
        store.record(records(post, outcome, error, retries));
    }

    private static List<AuditEvent> records(SlackPost post, Outcome outcome, String error, Integer retries) {
        return post.alerts().stream()
                .map(alert -> AuditEvent.of(Event.SLACK, outcome, alert)
                        .with("message", post.kind())
                        .with("slackDestination", post.destination().name())
                        .with("retries", retries == null || retries == 0 ? null : retries)
                        .with("error", error))
                .toList();
    }
}
