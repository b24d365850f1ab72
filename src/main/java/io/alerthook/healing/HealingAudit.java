package io.alerthook.healing;

import static io.alerthook.healing.HealExchange.ALERT;
import static io.alerthook.healing.HealExchange.GAVE_UP_AFTER;
import static io.alerthook.healing.HealExchange.PLAYBOOK;
import static io.alerthook.healing.HealExchange.RUN;
import static io.alerthook.healing.HealExchange.SKIP_REASON;

import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.AuditLog;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.exec.ExecResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records each heal run: when it starts (with its exact argv), how it ends, and why a run did not happen. A start
 * and an end are durable before the flow goes on; why a run did not happen is durable soon after
 * ({@link AuditLog#recordLater}), so that the heal workers do not wait for a disk or a commit per turned-away alert.
 * The methods that record an end return the record, which the heal report then tells Slack about.
 */
public final class HealingAudit {


    private static final Logger LOG = LoggerFactory.getLogger(HealingAudit.class);

    private final AuditLog store;

    public HealingAudit(AuditLog store) {
        this.store = store;
    }

    public void started(@ExchangeProperty(RUN) HealRun run) {
        append(event(run, Outcome.STARTED));
    }

    public AuditEvent finished(@ExchangeProperty(RUN) HealRun run, @Body ExecResult result) throws IOException {
        int exitCode = result.getExitValue();
        Outcome outcome = run.outcome(exitCode);
        if (outcome != Outcome.SUCCEEDED) {
            // One line; the audit and the heal report have the rest (argv, stdout, stderr). camel-exec's own ERROR is off.
            LOG.warn("Heal {}: playbook {} exited {} after {} ms for alert {} ({})", outcome.wire(), run.playbook(), exitCode,
                    run.elapsedMillis(), run.alert().alert().alertname(), run.alert().alert().fingerprint());
        }
        return append(event(run, outcome).with("exitCode", exitCode).with("durationMs", run.elapsedMillis())
                .with("stdout", text(result.getStdout())).with("stderr", text(result.getStderr())));
    }

    /** Dry run: everything but the command itself, so the audit and the log show exactly what would have run. */
    public AuditEvent dryRun(@ExchangeProperty(RUN) HealRun run) {
        LOG.info("Dry run: playbook {} would run {} for alert {} ({})", run.playbook(), run.argv(),
                run.alert().alert().alertname(), run.alert().alert().fingerprint());
        return append(event(run, Outcome.DRY_RUN));
    }

    /** The command could not run at all: refused argument, executable gone, ... ({@code run} is null if refused). */
    public AuditEvent failed(@ExchangeProperty(ALERT) AlertEvent alert, @ExchangeProperty(PLAYBOOK) String playbook,
                             @ExchangeProperty(RUN) HealRun run, @ExchangeProperty("CamelExceptionCaught") Exception error) {
        return append(AuditEvent.of(Event.HEAL, run == null ? Outcome.REFUSED : Outcome.ERROR, alert)
                .with("playbook", playbook)
                .with("command", run == null ? null : run.command())
                .with("argv", run == null ? null : run.argv())
                .with("durationMs", run == null ? null : run.elapsedMillis())
                .with("error", error.getMessage()));
    }

    /** No playbook matched the alert: healing is done with it. */
    public void noPlaybook(@Body AlertEvent alert) {
        appendLater(AuditEvent.of(Event.HEAL, Outcome.NO_PLAYBOOK, alert));
    }

    /** Every healing worker is busy and the queue is full: the alert is not offered to any playbook. */
    public void queueFull(@Body AlertEvent alert, @ExchangeProperty("CamelExceptionCaught") Exception error) {
        appendLater(AuditEvent.of(Event.HEAL, Outcome.SKIPPED, alert).with("reason", "healing queue is full: " + error.getMessage()));
    }

    /** The guard turned the run away: already running, in cooldown, or given up on. */
    public void skipped(@ExchangeProperty(ALERT) AlertEvent alert, @ExchangeProperty(PLAYBOOK) String playbook,
                        @ExchangeProperty(SKIP_REASON) String reason) {
        appendLater(AuditEvent.of(Event.HEAL, Outcome.SKIPPED, alert).with("playbook", playbook).with("reason", reason));
    }

    /**
     * The last allowed attempt failed: the playbook stops running for this alert and a human is needed.
     * Returns what to tell them.
     */
    public String gaveUp(@ExchangeProperty(ALERT) AlertEvent alert, @ExchangeProperty(PLAYBOOK) String playbook,
                         @ExchangeProperty(GAVE_UP_AFTER) int attempts) {
        String reason = "auto-heal gave up on " + alert.alert().alertname() + " after " + attempts
                + " attempts: a human is needed";
        append(AuditEvent.of(Event.HEAL, Outcome.GAVE_UP, alert).with("playbook", playbook).with("attempts", attempts).with("reason", reason));
        return reason;
    }

    private AuditEvent append(AuditEvent event) {
        store.record(List.of(event));
        return event;
    }

    /** A run that does not happen: recovery offers the alert again if a crash takes this record. */
    private void appendLater(AuditEvent event) {
        store.recordLater(List.of(event));
    }

    private static String text(InputStream output) throws IOException {
        return output == null ? "" : new String(output.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static AuditEvent event(HealRun run, Outcome outcome) {
        return AuditEvent.of(Event.HEAL, outcome, run.alert()).with("playbook", run.playbook())
                .with("command", run.command()).with("argv", run.argv());
    }
}
