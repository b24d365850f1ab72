package io.alerthook.healing;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a playbook command gets: only the variables of alerthook's own environment named in
 * {@code alerthook.healing.inherit-env} (so its secrets stay out), plus the alert as {@code ALERT_*} variables.
 */
public final class AlertEnvironment {

    private final Map<String, String> inherited;

    public AlertEnvironment(List<String> inherit, Map<String, String> processEnvironment) {
        Map<String, String> kept = new TreeMap<>();
        for (String name : inherit) {
            String value = processEnvironment.get(name.trim());
            if (value != null) {
                kept.put(name.trim(), value);
            }
        }
        this.inherited = Map.copyOf(kept);
    }

    public Map<String, String> forAlert(AlertEvent event) {
        Alert alert = event.alert();
        Map<String, String> environment = new TreeMap<>(inherited);
        put(environment, "ALERT_ALERTNAME", alert.alertname());
        put(environment, "ALERT_STATUS", alert.status());
        put(environment, "ALERT_SEVERITY", alert.severity());
        put(environment, "ALERT_FINGERPRINT", alert.fingerprint());
        put(environment, "ALERT_STARTS_AT", alert.startsAt());
        put(environment, "ALERT_ENDS_AT", alert.endsAt());
        put(environment, "ALERT_GENERATOR_URL", alert.generatorURL());
        put(environment, "ALERT_RECEIVER", event.group().receiver());
        put(environment, "ALERT_GROUP_KEY", event.group().groupKey());
        put(environment, "ALERT_EXTERNAL_URL", event.group().externalURL());
        alert.labels().forEach((name, value) -> put(environment, "ALERT_LABEL_" + variableName(name), value));
        alert.annotations().forEach((name, value) -> put(environment, "ALERT_ANNOTATION_" + variableName(name), value));
        return environment;
    }

    /** Label names are [a-zA-Z_][a-zA-Z0-9_]*, annotation names anything: keep what a shell variable can hold. */
    static String variableName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /** A value with a NUL byte cannot be an environment variable; the command still has it on stdin. */
    private static void put(Map<String, String> environment, String name, String value) {
        if (value != null && value.indexOf('\0') < 0) {
            environment.put(name, value);
        }
    }
}
