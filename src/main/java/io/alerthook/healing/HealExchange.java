package io.alerthook.healing;

/**
 * The names of the exchange properties a heal carries between routes/healing.camel.yaml and the beans it calls, each
 * defined once here. The routes spell them too; RouteExchangePropertiesTest fails if a route names one not defined here
 * (a rename that would otherwise break a route silently).
 */
public final class HealExchange {

    /** The {@link io.alerthook.alert.AlertEvent} a playbook took. */
    public static final String ALERT = "healAlert";
    /** The playbook's name. */
    public static final String PLAYBOOK = "healPlaybook";
    /** The {@link HealRun} the guard admitted. */
    public static final String RUN = "healRun";
    /** The audit record of how the run ended. */
    public static final String OUTCOME = "healOutcome";
    /** Whether any playbook took the alert (set by {@link PlaybookOffers}). */
    public static final String TAKEN = "healTaken";
    /** Why the guard turned a run away. */
    public static final String SKIP_REASON = "healSkipReason";
    /** The admitted run's {@link Cancellation}. */
    public static final String CANCELLATION = "healCancellation";
    /** The number of attempts, set when the last of them has just failed. */
    public static final String GAVE_UP_AFTER = "healGaveUpAfter";
    /** What to tell a human when the playbook gave up. */
    public static final String ESCALATION = "healEscalation";
    /** What the run does about approval: a {@link HealApprovals.Step}. */
    public static final String APPROVAL = "healApproval";

    private HealExchange() {
    }
}
