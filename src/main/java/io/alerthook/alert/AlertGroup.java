package io.alerthook.alert;

import java.util.Map;

/**
 * The context an alert arrived in: which notification group, from which Alertmanager, and which notification
 * ({@code notification}, alerthook's id for one accepted webhook request, which ties its audit records together).
 */
public record AlertGroup(
        String receiver,
        String groupKey,
        String status,
        String externalURL,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        int truncatedAlerts,
        String notification) {
}
