package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.SlackThread;
import io.alerthook.store.Store;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static io.alerthook.slack.SlackJsonOutputFormat.mrkdwn;

/**
 * What a button of an incident's parent does, once Slack's request is verified and answered: Acknowledge notes who
 * took the incident; Silence creates a silence of the group in Alertmanager ({@link AlertmanagerSilences}). Each press
 * is audited ({@code slack-action}, with the Slack user) for every alert of the incident, and becomes a note in its
 * thread and on its parent. Someone not in {@code alerthook.slack.allowed-users}, or a press alerthook cannot act on,
 * gets an answer only they see, and changes nothing but the audit.
 */
public final class SlackActions {

    private static final Logger LOG = LoggerFactory.getLogger(SlackActions.class);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SlackDestinations destinations;
    private final Store store;
    private final SlackThreads threads;
    private final AlertmanagerSilences silences;
    private final ActionResponseSender answers;
    private final List<String> allowedUsers;
    private final Clock clock;

    public SlackActions(SlackDestinations destinations, Store store, SlackThreads threads, AlertmanagerSilences silences, Slack slack,
                        List<String> allowedUsers, Clock clock) {
        this.destinations = destinations;
        this.store = store;
        this.threads = threads;
        this.silences = silences;
        this.answers = new ActionResponseSender(slack);
        this.allowedUsers = allowedUsers;
        this.clock = clock;
    }

    /** Acts on the press; returns the note it makes in the incident's thread, or null if it made none. */
    public SlackPost act(@Body SlackInteractions.Click click) {
        Optional<SlackThread> thread = destinations.all().stream().anyMatch(destination -> destination.name().equals(click.destination()))
                ? store.thread(click.destination(), click.groupKey()) : Optional.empty();
        if (thread.isEmpty()) {
            answer(click, "alerthook keeps no incident for this message any more.");
            return null;
        }
        List<AlertEvent> alerts = threads.alerts(thread.get());
        if (!allowedUsers.isEmpty() && !allowedUsers.contains(click.user()) && !allowedUsers.contains(click.userName())) {
            store.record(records(click, alerts, Outcome.REFUSED).stream().map(record -> record.with("reason", "not in alerthook.slack.allowed-users")).toList());
            answer(click, "You are not allowed to " + click.button().label().toLowerCase() + " alerts here (alerthook.slack.allowed-users).");
            return null;
        }
        String who = "@" + (click.userName() == null ? click.user() : click.userName());
        String note;
        List<AuditEvent> records;
        if (click.button().silence().isPresent()) {
            Duration duration = click.button().silence().get();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            String silence;
            try {
                silence = silences.silence(alerts.get(0).group(), now, duration, who + " (Slack)",
                        "Silenced from Slack: https://slack.com/archives/" + thread.get().channel() + "/p" + thread.get().ts().replace(".", ""));
            } catch (AlertmanagerSilences.RefusedException e) {
                LOG.warn("Slack's Silence by {} failed: {}", who, e.getMessage());
                store.record(records(click, alerts, Outcome.FAILED).stream().map(record -> record.with("error", e.getMessage())).toList());
                answer(click, "The silence was not created: " + e.getMessage());
                return null;
            }
            note = ":no_bell: silenced by " + mrkdwn(who) + " until " + UNTIL.format(now.plus(duration));
            records = records(click, alerts, Outcome.SILENCED).stream()
                    .map(record -> record.with("silence", silence).with("until", now.plus(duration).toString())).toList();
        } else {
            note = ":eyes: acknowledged by " + mrkdwn(who);
            records = records(click, alerts, Outcome.ACKNOWLEDGED);
        }
        store.record(records);
        SlackDestination destination = destinations.named(click.destination());
        return new SlackPost(SlackPost.Kind.NOTE, destination, JsonNodeFactory.instance.objectNode().put("text", note).toString(), alerts,
                clock.instant());
    }

    private static List<AuditEvent> records(SlackInteractions.Click click, List<AlertEvent> alerts, Outcome outcome) {
        return alerts.stream().map(alert -> AuditEvent.of(Event.SLACK_ACTION, outcome, alert).with("action", click.button().actionId())
                .with("slackUser", click.user()).with("slackUserName", click.userName()).with("slackDestination", click.destination())).toList();
    }

    /** An answer only the presser sees, in the channel; Slack's answer to it is only logged. */
    private void answer(SlackInteractions.Click click, String text) {
        if (click.responseUrl() == null) {
            return;
        }
        try {
            answers.send(click.responseUrl(), ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text(text).build());
        } catch (IOException e) {
            LOG.warn("Slack did not take the answer to {}'s press: {}", click.user(), e.getMessage());
        }
    }
}
