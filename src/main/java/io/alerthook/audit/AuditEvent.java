package io.alerthook.audit;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.alerthook.alert.AlertEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the audit log. {@code event} says what happened ({@code received}, {@code filtered},
 * {@code slack}, {@code heal}); for actions {@code outcome} says how it ended. {@code notification} ties together
 * the records of the alerts of one accepted webhook request. Details of the action
 * ({@code destination}, {@code playbook}, {@code argv}, {@code exitCode}, {@code durationMs}, {@code stdout},
 * {@code stderr}, {@code error}) are written as fields of the same object; absent ones are left out. {@code replica}
 * names the alerthook that wrote it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        String time,
        Event event,
        Outcome outcome,
        String fingerprint,
        String alertname,
        String status,
        String severity,
        String groupKey,
        String notification,
        @JsonIgnore Map<String, Object> details) {

    /** An event about one alert, with no details yet. */
    public static AuditEvent of(Event event, Outcome outcome, AlertEvent alert) {
        return new AuditEvent(Instant.now().toString(), event, outcome, alert.alert().fingerprint(),
                alert.alert().alertname(), alert.alert().status(), alert.alert().severity(), alert.group().groupKey(),
                alert.group().notification(), Map.of());
    }

    /** The same event with one more detail; a null value adds nothing. */
    public AuditEvent with(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new AuditEvent(time, event, outcome, fingerprint, alertname, status, severity, groupKey, notification, more);
    }

    /** The same event, naming the replica that records it ({@code alerthook.replica-id}); stores add it as they write. */
    public AuditEvent by(String replica) {
        return with("replica", replica);
    }

    @JsonAnyGetter
    Map<String, Object> detailFields() {
        return details;
    }
}
