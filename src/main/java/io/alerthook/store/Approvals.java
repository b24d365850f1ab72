package io.alerthook.store;

import io.alerthook.audit.AuditEvent;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The heal runs that wait for a human's approval, and the approvals granted and not yet used (see {@link Store}). */
public interface Approvals {

    /**
     * Asks for approval of a playbook's run for an alert, with the {@code asked} records, unless it is asked already, or
     * granted and not yet taken: then nothing changes and this returns false.
     */
    boolean askApproval(Approval approval, List<AuditEvent> asked);

    /**
     * Decides the approval asked for the playbook and alert, with the records {@code decision} makes of it, in one step: granted (its next run may go,
     * once: {@link #takeApproval}), or not (forgotten). Of decisions at once, on any alerthook, one counts: the others,
     * and one on an approval no longer asked (decided, or lapsed), find none and record nothing.
     */
    Optional<Approval> decideApproval(String playbook, String fingerprint, boolean granted, Function<Approval, List<AuditEvent>> decision);

    /** Whether a run of the playbook for the alert was approved; if so, the approval is used up by this run. */
    boolean takeApproval(String playbook, String fingerprint);

    /** The approvals still asked whose deadline has passed (the store's time). */
    List<Approval> lapsedApprovals();
}
