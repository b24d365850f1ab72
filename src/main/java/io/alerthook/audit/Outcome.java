package io.alerthook.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * How an action ended: the {@code outcome} field of an audit record, the one vocabulary the audit, metrics, recovery,
 * heal reports and the guard share. What an outcome means to them is asked here, not spelled again by each.
 */
public enum Outcome {

    DUPLICATE("duplicate"),

    /** In its destination's outbox: Slack's part is the outbox's from now on, across restarts too. */
    QUEUED("queued"),
    SENT("sent"),
    /** Sent, after a sender that stopped or died while sending it: Slack may show it twice. */
    RESENT("resent"),
    DISABLED("disabled"),
    DROPPED("dropped"),
    COALESCED("coalesced"),

    STARTED("started"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    TIMEOUT("timeout"),
    CANCELLED("cancelled"),
    DRY_RUN("dry-run"),
    REFUSED("refused"),
    ERROR("error"),
    NO_PLAYBOOK("no-playbook"),
    SKIPPED("skipped"),
    GAVE_UP("gave-up"),

    INTERRUPTED("interrupted"),
    RESUMED("resumed"),

    /** A playbook's run waits for someone to approve it (playbooks with approval). */
    AWAITING_APPROVAL("awaiting-approval"),
    /** Someone approved it: the run goes ahead. A refusal, or no answer in time, is SKIPPED. */
    APPROVED("approved"),

    ACKNOWLEDGED("acknowledged"),
    SILENCED("silenced");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** As written in the audit and in metric tags. */
    @Override
    public String toString() {
        return wire;
    }

    /** The outcome a record says, null for none (or one this version does not know). */
    @JsonCreator
    public static Outcome of(String wire) {
        return Arrays.stream(values()).filter(outcome -> outcome.wire.equals(wire)).findFirst().orElse(null);
    }

    /** A heal run that did not do its job: it counts against the playbook's attempts. */
    public boolean isHealFailure() {
        return this == FAILED || this == TIMEOUT || this == ERROR || this == REFUSED;
    }

    /** A heal record about a playbook's run for an alert (not a run turned away, waiting for approval, nor the call for a human). */
    public boolean isHealRun() {
        return this != SKIPPED && this != GAVE_UP && this != NO_PLAYBOOK && this != AWAITING_APPROVAL && this != APPROVED;
    }
}
