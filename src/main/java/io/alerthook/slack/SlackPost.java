package io.alerthook.slack;

import io.alerthook.alert.AlertEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One message on its way to Slack, with the alerts it is about, so the audit can say, per alert, what became
 * of it. {@code kind} tells a group's alert message ({@code alerts}) from a heal report ({@code heal-report}).
 *
 * @param payload the JSON body for the webhook (Block Kit or plain text, with the destination's channel)
 * @param created when the message was made, from which its age ({@code alerthook.slack.max-age}) counts
 */
public record SlackPost(String kind, SlackDestination destination, String payload, List<AlertEvent> alerts, Instant created) {

    public static final String ALERTS = "alerts";

    /**
     * Messages with the same key describe the same alert group at different times, so only the latest one waiting
     * needs to go out; null for messages that must all be sent, such as heal reports.
     */
    public boolean isOlderThan(Duration age, Instant now) {
        return created.plus(age).isBefore(now);
    }

    public String coalescingKey() {
        String groupKey = alerts.get(0).group().groupKey();
        return ALERTS.equals(kind) && groupKey != null ? destination.name() + "/" + groupKey : null;
    }
}
