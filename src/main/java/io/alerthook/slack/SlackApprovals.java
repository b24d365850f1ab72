package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.alert.AlertEvent;
import io.alerthook.healing.HealApprovals;
import io.alerthook.store.Approval;

import java.time.Instant;
import java.util.List;

import static io.alerthook.slack.SlackJsonOutputFormat.mrkdwn;

/**
 * The notes of a playbook run's approval in its incident's thread: asked (the parent then has Approve and Skip for it),
 * approved or skipped by someone, or skipped when no answer came in time. Each note tells the thread
 * ({@link SlackThreads}) whether the run still waits.
 */
public final class SlackApprovals {

    private final SlackDestinations destinations;
    private final HealApprovals approvals;

    public SlackApprovals(SlackDestinations destinations, HealApprovals approvals) {
        this.destinations = destinations;
        this.approvals = approvals;
    }

    public SlackPost asked(AlertEvent alert, String playbook) {
        return note(alert, playbook, true, ":raised_hand: *approval needed*: `" + mrkdwn(playbook) + "` for " + about(alert));
    }

    public SlackPost decided(Approval approval, boolean approved, String userName) {
        return note(approvals.alert(approval), approval.playbook(), false, (approved ? ":white_check_mark: approved" : ":no_entry_sign: skipped")
                + " by @" + mrkdwn(userName) + ": `" + mrkdwn(approval.playbook()) + "`");
    }

    public SlackPost lapsed(Approval approval) {
        return note(approvals.alert(approval), approval.playbook(), false,
                ":hourglass: not approved in time: `" + mrkdwn(approval.playbook()) + "` skipped");
    }

    private SlackPost note(AlertEvent alert, String playbook, boolean pending, String text) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("text", text);
        payload.putObject(SlackThreads.APPROVAL).put("playbook", playbook).put("fingerprint", alert.alert().fingerprint()).put("pending", pending);
        return new SlackPost(SlackPost.Kind.NOTE, destinations.of(alert), payload.toString(), List.of(alert), Instant.now());
    }

    private static String about(AlertEvent alert) {
        String instance = alert.alert().labels().get("instance");
        return "*" + mrkdwn(alert.alert().alertname()) + "*" + (instance == null ? "" : " `" + mrkdwn(instance) + "`");
    }
}
