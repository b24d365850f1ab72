package io.alerthook.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alerthook.alert.AlertEvent;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit log. {@code event} says what happened ({@code received}, {@code filtered},
 * {@code slack}, {@code heal}); for actions {@code outcome} says how it ended. Absent details are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        String time,
        String event,
        String outcome,
        String fingerprint,
        String alertname,
        String status,
        String severity,
        String groupKey,
        String destination,
        String playbook,
        List<String> argv,
        Integer exitCode,
        Long durationMs,
        String stdout,
        String stderr,
        String error) {

    /** An event about one alert, with no action details yet. */
    public static AuditEvent of(String event, String outcome, AlertEvent alert) {
        return new AuditEvent(Instant.now().toString(), event, outcome, alert.alert().fingerprint(),
                alert.alert().alertname(), alert.alert().status(), alert.alert().severity(), alert.group().groupKey(),
                null, null, null, null, null, null, null, null);
    }

    public AuditEvent withDestination(String destination) {
        return new AuditEvent(time, event, outcome, fingerprint, alertname, status, severity, groupKey,
                destination, playbook, argv, exitCode, durationMs, stdout, stderr, error);
    }

    public AuditEvent withPlaybook(String playbook, List<String> argv) {
        return new AuditEvent(time, event, outcome, fingerprint, alertname, status, severity, groupKey,
                destination, playbook, argv, exitCode, durationMs, stdout, stderr, error);
    }

    public AuditEvent withResult(Integer exitCode, Long durationMs, String error) {
        return new AuditEvent(time, event, outcome, fingerprint, alertname, status, severity, groupKey,
                destination, playbook, argv, exitCode, durationMs, stdout, stderr, error);
    }

    /** The last of what a command printed (see ProcessTreeExecutor's tail). */
    public AuditEvent withOutput(String stdout, String stderr) {
        return new AuditEvent(time, event, outcome, fingerprint, alertname, status, severity, groupKey,
                destination, playbook, argv, exitCode, durationMs, stdout, stderr, error);
    }
}
