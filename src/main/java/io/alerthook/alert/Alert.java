package io.alerthook.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Map;

/** One alert of an Alertmanager webhook notification (payload version 4). */
public record Alert(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        String startsAt,
        String endsAt,
        String generatorURL,
        String fingerprint) {

    public Alert {
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }

    /** Severity of an alert that has no {@code severity} label. */
    public static final String NO_SEVERITY = "none";

    @JsonIgnore
    public String alertname() {
        return labels.getOrDefault("alertname", "");
    }

    @JsonIgnore
    public String severity() {
        String severity = labels.get("severity");
        return severity == null || severity.isBlank() ? NO_SEVERITY : severity;
    }

    @JsonIgnore
    public boolean isFiring() {
        return "firing".equals(status);
    }
}
