package io.alerthook.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Map;
import java.util.Objects;

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

    /**
     * The fields that tell alerts apart, not the labels and annotations: Camel's bean language keys its bean-info cache
     * by the instance too, so every {@code ${body.method()}} in the routes hashes the body (about 1% of the CPU under load
     * when the whole record was hashed). Equal alerts still hash the same.
     */
    @Override
    public int hashCode() {
        return Objects.hash(fingerprint, status, startsAt);
    }
}
