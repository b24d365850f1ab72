package io.alerthook.healing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.Approval;
import io.alerthook.store.Approvals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Human-in-the-loop healing: a playbook declared {@code approval: "true"} does not run its command for an alert until
 * someone approves that run (in Slack, slack/SlackActions), within its {@code approvalTimeout}; a refusal, or no answer in
 * time, skips it. The approvals are the store's, so any alerthook sharing it may take the answer.
 */
public final class HealApprovals {

    /** What a playbook's run for an alert does about approval. */
    public enum Step {
        /** It was approved (the approval is used up), or it needs none: it runs. */
        RUN,
        /** Approval was asked for just now: the people on call are to be asked. */
        ASK,
        /** Approval was asked for before and is not decided yet. */
        WAIT
    }

    private static final Logger LOG = LoggerFactory.getLogger(HealApprovals.class);

    private final Approvals store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile boolean storeAnswered = true;

    public HealApprovals(Approvals store, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    Step step(String playbook, AlertEvent alert, Duration timeout) {
        if (store.takeApproval(playbook, alert.alert().fingerprint())) {
            return Step.RUN;
        }
        Instant deadline = clock.instant().plus(timeout);
        Approval asked = new Approval(playbook, alert.alert().fingerprint(), deadline, json(alert));
        return store.askApproval(asked, List.of(record(alert, Outcome.AWAITING_APPROVAL, playbook).with("until", deadline.toString())))
                ? Step.ASK : Step.WAIT;
    }

    /**
     * Approves or refuses the run asked for, for {@code who} (a Slack user); empty if it is not asked any more (decided
     * already, or lapsed).
     */
    public Optional<Approval> decide(String playbook, String fingerprint, boolean approved, String user, String userName) {
        return store.decideApproval(playbook, fingerprint, approved, approval -> List.of(
                (approved ? record(alert(approval), Outcome.APPROVED, playbook)
                        : record(alert(approval), Outcome.SKIPPED, playbook).with("reason", "skipped in Slack by " + userName))
                        .with("slackUser", user).with("slackUserName", userName)));
    }

    /**
     * Skips the runs whose approval did not come in time, on record; returns them. While the store cannot be asked, none
     * (the route asks again a second later; readiness reports the store), said once in the log.
     */
    public List<Approval> lapse() {
        List<Approval> lapsed;
        try {
            lapsed = store.lapsedApprovals();
        } catch (RuntimeException e) {
            if (storeAnswered) {
                LOG.warn("Approvals out of time cannot be read now; trying again: {}", e.getMessage());
            }
            storeAnswered = false;
            return List.of();
        }
        storeAnswered = true;
        return lapsed.stream()
                .flatMap(late -> store.decideApproval(late.playbook(), late.fingerprint(), false, approval -> List.of(
                        record(alert(approval), Outcome.SKIPPED, approval.playbook()).with("reason", "not approved by " + approval.deadline())))
                        .stream())
                .toList();
    }

    /** The alert the approval is about, to run its playbook for. */
    public AlertEvent alert(Approval approval) {
        try {
            return mapper.readValue(approval.alert(), AlertEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the alert of an approval of " + approval.playbook() + " cannot be read", e);
        }
    }

    private static AuditEvent record(AlertEvent alert, Outcome outcome, String playbook) {
        return AuditEvent.of(Event.HEAL, outcome, alert).with("playbook", playbook);
    }

    private String json(AlertEvent alert) {
        try {
            return mapper.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an alert cannot be written as JSON", e);
        }
    }
}
