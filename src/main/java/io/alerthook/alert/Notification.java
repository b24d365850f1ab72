package io.alerthook.alert;

import java.util.List;
import java.util.Map;

/** An Alertmanager webhook notification: one group of alerts (payload version 4). */
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
        List<Alert> alerts) {

    public Notification {
        groupLabels = groupLabels == null ? Map.of() : groupLabels;
        commonLabels = commonLabels == null ? Map.of() : commonLabels;
        commonAnnotations = commonAnnotations == null ? Map.of() : commonAnnotations;
    }

    public AlertGroup group() {
        return new AlertGroup(receiver, groupKey, status, externalURL, groupLabels, commonLabels,
                truncatedAlerts == null ? 0 : truncatedAlerts);
    }

    /** The split: one event per alert, each carrying the group it came in. */
    public List<AlertEvent> alertEvents() {
        AlertGroup group = group();
        return alerts.stream().map(alert -> new AlertEvent(alert, group)).toList();
    }
}
