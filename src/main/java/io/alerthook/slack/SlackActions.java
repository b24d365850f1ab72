package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.healing.HealApprovals;
import io.alerthook.store.Approval;
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
 * took the incident; Silence creates a silence of the group in Alertmanager ({@link AlertmanagerSilences}); Approve and
 * Skip decide a playbook run waiting for approval ({@link HealApprovals}), which then runs or is skipped. A press is
 * audited ({@code slack-action}, or, for an approval, the heal records, with the Slack user), and becomes a note in the
 * incident's thread and on its parent. Someone not in {@code alerthook.slack.allowed-users}, or a press alerthook cannot act on,
 * gets an answer only they see, and changes nothing but the audit.
 */
public final class SlackActions {

    private static final Logger LOG = LoggerFactory.getLogger(SlackActions.class);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SlackDestinations destinations;
    private final Store store;
    private final SlackThreads threads;
    private final AlertmanagerSilences silences;
    private final HealApprovals approvals;
    private final SlackApprovals slackApprovals;
    private final ActionResponseSender answers;
    private final List<String> allowedUsers;
    private final Clock clock;

    public SlackActions(SlackDestinations destinations, Store store, SlackThreads threads, AlertmanagerSilences silences,
                        HealApprovals approvals, SlackApprovals slackApprovals, Slack slack, List<String> allowedUsers, Clock clock) {
        this.destinations = destinations;
        this.store = store;
        this.threads = threads;
        this.silences = silences;
        this.approvals = approvals;
        this.slackApprovals = slackApprovals;
        this.answers = new ActionResponseSender(slack);
        this.allowedUsers = allowedUsers;
        this.clock = clock;
    }

    /**
     * What a press leads to: a note in the incident's thread (null if none), and, once approved, the playbook's run for
     * the alert (null if none).
     */
    public record Pressed(SlackPost note, AlertEvent approvedRun, String playbook) {

        static final Pressed NOTHING = new Pressed(null, null, null);
    }

    /** Acts on the press. */
    public Pressed act(@Body SlackInteractions.Click click) {
        Optional<SlackThread> thread = destinations.all().stream().anyMatch(destination -> destination.name().equals(click.destination()))
                ? store.thread(click.destination(), click.groupKey()) : Optional.empty();
        if (thread.isEmpty()) {
            answer(click, "alerthook keeps no incident for this message any more.");
            return Pressed.NOTHING;
        }
        List<AlertEvent> alerts = threads.alerts(thread.get());
        if (!allowedUsers.isEmpty() && !allowedUsers.contains(click.user()) && !allowedUsers.contains(click.userName())) {
            store.record(records(click, alerts, Outcome.REFUSED).stream().map(record -> record.with("reason", "not in alerthook.slack.allowed-users")).toList());
            answer(click, "You are not allowed to " + click.button().label().toLowerCase() + " alerts here (alerthook.slack.allowed-users).");
            return Pressed.NOTHING;
        }
        String who = "@" + (click.userName() == null ? click.user() : click.userName());
        if (click.button().decidesApproval()) {
            return decide(click, who);
        }
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
                return Pressed.NOTHING;
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
        return new Pressed(new SlackPost(SlackPost.Kind.NOTE, destination, JsonNodeFactory.instance.objectNode().put("text", note).toString(),
                alerts, clock.instant()), null, null);
    }

    /** Approve or Skip: the one decision on the run that counts is audited with the heal records, and noted. */
    private Pressed decide(SlackInteractions.Click click, String who) {
        boolean approved = click.button() == SlackButton.APPROVE;
        Optional<Approval> decided = approvals.decide(click.playbook(), click.fingerprint(), approved, click.user(), who.substring(1));
        if (decided.isEmpty()) {
            answer(click, "This run of " + click.playbook() + " is not waiting for approval any more: decided already, or out of time.");
            return Pressed.NOTHING;
        }
        SlackPost note = slackApprovals.decided(decided.get(), approved, who.substring(1));
        return approved ? new Pressed(note, approvals.alert(decided.get()), click.playbook()) : new Pressed(note, null, null);
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
