package io.alerthook.slack;

import com.fasterxml.jackson.annotation.JsonValue;
import io.alerthook.alert.AlertEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One message on its way to Slack, with the alerts it is about, so the audit can say, per alert, what became of it.
 *
 * @param payload  the JSON body for the webhook (Block Kit or plain text, with the destination's channel)
 * @param created  when the message was made, from which its age ({@code alerthook.slack.max-age}) counts
 * @param outboxId the store's id of the message in its outbox; 0 until it is put there ({@link SlackOutboxes})
 * @param taken    how many times a sender took it from its outbox, this time included (see store/OutboxMessage)
 */
public record SlackPost(Kind kind, SlackDestination destination, String payload, List<AlertEvent> alerts, Instant created, long outboxId,
                        int taken) {

    /** What a message is about: the {@code message} field of its audit records. */
    public enum Kind {
        /** A group's alerts. */
        ALERTS("alerts"),
        /** How a heal run for an alert went. */
        HEAL_REPORT("heal-report");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A message not yet in an outbox. */
    public SlackPost(Kind kind, SlackDestination destination, String payload, List<AlertEvent> alerts, Instant created) {
        this(kind, destination, payload, alerts, created, 0, 0);
    }

    /** The message as a sender took it from its outbox. */
    public SlackPost taken(long outboxId, int taken) {
        return new SlackPost(kind, destination, payload, alerts, created, outboxId, taken);
    }

    /** A sender before this one stopped or died while sending it: it may have reached Slack already. */
    public boolean mayHaveBeenSent() {
        return taken > 1;
    }

    public boolean isOlderThan(Duration age, Instant now) {
        return created.plus(age).isBefore(now);
    }

    /**
     * Messages with the same key describe the same alert group at different times, so only the latest one waiting
     * needs to go out; null for messages that must all be sent, such as heal reports.
     */
    public String coalescingKey() {
        String groupKey = alerts.get(0).group().groupKey();
        return kind == Kind.ALERTS && groupKey != null ? destination.name() + "/" + groupKey : null;
    }
}
