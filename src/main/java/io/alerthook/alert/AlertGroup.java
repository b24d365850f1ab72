package io.alerthook.alert;

import java.util.Map;
import java.util.Objects;

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

    /** The fields that tell groups apart, not the labels: see {@link Alert#hashCode}. */
    @Override
    public int hashCode() {
        return Objects.hash(groupKey, notification);
    }
}
