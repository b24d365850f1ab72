package io.alerthook.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Alertmanager webhook notification: one group of alerts (payload version 4). {@code id} is given by alerthook
 * when it reads one (see {@link AlertGroup#notification()}).
 */
public record Notification(
        String version,
        String groupKey,
        Integer truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        List<Alert> alerts,
        String id) {

    public Notification {
        groupLabels = groupLabels == null ? Map.of() : groupLabels;
        commonLabels = commonLabels == null ? Map.of() : commonLabels;
        commonAnnotations = commonAnnotations == null ? Map.of() : commonAnnotations;
    }

    public Notification withId(String id) {
        return new Notification(version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels,
                commonAnnotations, externalURL, alerts, id);
    }

    public AlertGroup group() {
        return new AlertGroup(receiver, groupKey, status, externalURL, groupLabels, commonLabels,
                truncatedAlerts == null ? 0 : truncatedAlerts, id);
    }

    /**
     * What makes two notifications the same, as an HA pair of Alertmanagers or a retry sends them: the group, and
     * each alert's fingerprint, status and start. A later change of any alert is a new notification.
     */
    public String duplicateKey() {
        StringBuilder key = new StringBuilder(String.valueOf(groupKey));
        alerts.stream()
                .map(alert -> alert.fingerprint() + " " + alert.status() + " " + alert.startsAt())
                .sorted()
                .forEach(alert -> key.append('\n').append(alert));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The split: one event per alert, each carrying the group it came in. */
    public List<AlertEvent> alertEvents() {
        AlertGroup group = group();
        return alerts.stream().map(alert -> new AlertEvent(alert, group)).toList();
    }

    /** The fields that tell notifications apart, not the alerts and labels: see {@link Alert#hashCode}. */
    @Override
    public int hashCode() {
        return Objects.hash(groupKey, id);
    }
}
