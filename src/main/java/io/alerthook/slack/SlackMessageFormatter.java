package io.alerthook.slack;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the alerts of one notification group into one Slack message, after the seed's template:
 * title, severity, description and every label as a sorted {@code name: value} pair.
 * Firing and resolved differ at a glance by emoji and by the word in the header.
 */
public final class SlackMessageFormatter {

    public SlackPost format(List<AlertEvent> alerts) {
        return new SlackPost("alerts", text(alerts), alerts);
    }

    String text(List<AlertEvent> alerts) {
        AlertGroup group = alerts.get(0).group();
        StringBuilder text = new StringBuilder(header(alerts)).append('\n');
        for (AlertEvent event : alerts) {
            appendAlert(text, event.alert());
        }
        if (group.truncatedAlerts() > 0) {
            text.append("_").append(group.truncatedAlerts())
                    .append(" more alerts in this group were left out by Alertmanager (max_alerts)._\n");
        }
        if (isLink(group.externalURL())) {
            text.append('<').append(group.externalURL()).append("|Alertmanager>\n");
        }
        return text.toString().stripTrailing();
    }

    static String header(List<AlertEvent> alerts) {
        long firing = alerts.stream().filter(event -> event.alert().isFiring()).count();
        long resolved = alerts.size() - firing;
        String state;
        if (firing == 0) {
            state = ":white_check_mark: *[RESOLVED]";
        } else if (resolved == 0) {
            state = ":fire: *[FIRING:" + firing + "]";
        } else {
            state = ":fire: *[FIRING:" + firing + ", RESOLVED:" + resolved + "]";
        }
        return state + " " + escape(groupName(alerts)) + "*";
    }

    private static String groupName(List<AlertEvent> alerts) {
        Map<String, String> groupLabels = alerts.get(0).group().groupLabels();
        if (groupLabels.isEmpty()) {
            return alerts.get(0).alert().alertname();
        }
        return String.join(" ", new TreeMap<>(groupLabels).values());
    }

    private static void appendAlert(StringBuilder text, Alert alert) {
        text.append("*Alert:* ").append(escape(alert.annotations().getOrDefault("title", alert.alertname())))
                .append(" - `").append(escape(alert.severity())).append('`');
        if (!alert.isFiring()) {
            text.append(" *RESOLVED*");
        }
        text.append('\n');
        String description = alert.annotations().get("description");
        if (description != null) {
            text.append("*Description:* ").append(escape(description)).append('\n');
        }
        text.append("*Details:*\n");
        new TreeMap<>(alert.labels()).forEach((name, value) ->
                text.append("  • *").append(escape(name)).append(":* `").append(escape(value)).append("`\n"));
        if (isLink(alert.generatorURL())) {
            text.append('<').append(alert.generatorURL()).append("|Source>\n");
        }
    }

    private static boolean isLink(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://"));
    }

    /** Slack mrkdwn control characters; label values are data and must not turn into links or mentions. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
