package io.alerthook.healing;

import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.AuditLog;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.exec.ExecResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Records each heal run: when it starts (with its exact argv) and how it ends. */
public final class HealingAudit {

    static final String RUN = "healRun";
    static final String ALERT = "healAlert";
    static final String PLAYBOOK = "healPlaybook";

    private final AuditLog log;

    public HealingAudit(AuditLog log) {
        this.log = log;
    }

    public void started(@ExchangeProperty(RUN) HealRun run) {
        log.append(List.of(event(run, "started")));
    }

    public void finished(@ExchangeProperty(RUN) HealRun run, @Body ExecResult result) throws IOException {
        int exitCode = result.getExitValue();
        log.append(List.of(event(run, run.outcome(exitCode)).with("exitCode", exitCode).with("durationMs", run.elapsedMillis())
                .with("stdout", text(result.getStdout())).with("stderr", text(result.getStderr()))));
    }

    /** The command could not run at all: refused argument, executable gone, ... ({@code run} is null if refused). */
    public void failed(@ExchangeProperty(ALERT) AlertEvent alert, @ExchangeProperty(PLAYBOOK) String playbook,
                       @ExchangeProperty(RUN) HealRun run, @ExchangeProperty("CamelExceptionCaught") Exception error) {
        AuditEvent event = AuditEvent.of("heal", run == null ? "refused" : "error", alert)
                .with("playbook", playbook)
                .with("argv", run == null ? null : run.argv())
                .with("durationMs", run == null ? null : run.elapsedMillis())
                .with("error", error.getMessage());
        log.append(List.of(event));
    }

    private static String text(InputStream output) throws IOException {
        return output == null ? "" : new String(output.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static AuditEvent event(HealRun run, String outcome) {
        return AuditEvent.of("heal", outcome, run.alert()).with("playbook", run.playbook()).with("argv", run.argv());
    }
}
