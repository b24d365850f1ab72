package io.alerthook.slack;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a Slack message template sees of one alert group: plain maps and lists, so a template reads
 * {@code alert.description} or {@code label.name} without knowing Java. Every name is listed in the README.
 * Links are given only when they are http(s), so no template turns a label into another kind of link.
 */
final class SlackMessageView {

    private SlackMessageView() {
    }

    /** The view showing the first {@code shown} alerts in full; the rest are only counted ({@code moreAlerts}). */
    static Map<String, Object> of(List<AlertEvent> alerts, int shown) {
        AlertGroup group = alerts.get(0).group();
        long firing = alerts.stream().filter(event -> event.alert().isFiring()).count();
        String externalURL = link(group.externalURL());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", title(alerts, firing));
        view.put("status", firing > 0 ? "firing" : "resolved");
        view.put("firing", firing);
        view.put("resolved", alerts.size() - firing);
        view.put("severity", severity(alerts));
        view.put("receiver", nullToEmpty(group.receiver()));
        view.put("groupKey", nullToEmpty(group.groupKey()));
        view.put("groupLabels", pairs(group.groupLabels()));
        view.put("commonLabels", pairs(group.commonLabels()));
        view.put("externalURL", externalURL);
        view.put("silenceURL", silenceLink(externalURL, group.commonLabels().isEmpty() ? group.groupLabels() : group.commonLabels()));
        view.put("alerts", alerts.subList(0, shown).stream().map(event -> alert(event.alert(), externalURL)).toList());
        view.put("moreAlerts", alerts.size() - shown);
        view.put("truncatedAlerts", group.truncatedAlerts());
        return view;
    }

    /** {@code [FIRING:3] Application down}, as Alertmanager's own Slack messages start. */
    static String title(List<AlertEvent> alerts, long firing) {
        long resolved = alerts.size() - firing;
        String state;
        if (firing == 0) {
            state = "[RESOLVED]";
        } else if (resolved == 0) {
            state = "[FIRING:" + firing + "]";
        } else {
            state = "[FIRING:" + firing + ", RESOLVED:" + resolved + "]";
        }
        Map<String, String> groupLabels = alerts.get(0).group().groupLabels();
        String name = groupLabels.isEmpty() ? alerts.get(0).alert().alertname() : String.join(" ", new TreeMap<>(groupLabels).values());
        return state + " " + name;
    }

    /** The group's severity, for the colour: its common one, else the first firing alert's. */
    private static String severity(List<AlertEvent> alerts) {
        String common = alerts.get(0).group().commonLabels().get("severity");
        if (common != null && !common.isBlank()) {
            return common;
        }
        return alerts.stream().filter(event -> event.alert().isFiring()).map(event -> event.alert().severity())
                .findFirst().orElse(alerts.get(0).alert().severity());
    }

    private static Map<String, Object> alert(Alert alert, String externalURL) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", alert.status());
        view.put("firing", alert.isFiring());
        view.put("alertname", alert.alertname());
        view.put("severity", alert.severity());
        view.put("title", alert.annotations().getOrDefault("title",
                alert.annotations().getOrDefault("summary", alert.alertname())));
        view.put("description", alert.annotations().getOrDefault("description", ""));
        view.put("labels", pairs(alert.labels()));
        view.put("annotations", alert.annotations());
        view.put("startsAt", nullToEmpty(alert.startsAt()));
        view.put("endsAt", nullToEmpty(alert.endsAt()));
        view.put("fingerprint", nullToEmpty(alert.fingerprint()));
        view.put("generatorURL", link(alert.generatorURL()));
        view.put("silenceURL", silenceLink(externalURL, alert.labels()));
        return view;
    }

    /** Labels sorted by name, as {@code name}/{@code value} pairs. */
    private static List<Map<String, String>> pairs(Map<String, String> labels) {
        List<Map<String, String>> pairs = new ArrayList<>();
        new TreeMap<>(labels).forEach((name, value) -> pairs.add(Map.of("name", name, "value", value)));
        return pairs;
    }

    /** Alertmanager's "new silence" form, filled in with the labels as matchers. */
    static String silenceLink(String externalURL, Map<String, String> labels) {
        if (externalURL.isEmpty() || labels.isEmpty()) {
            return "";
        }
        StringJoiner matchers = new StringJoiner(",", "{", "}");
        new TreeMap<>(labels).forEach((name, value) ->
                matchers.add(name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return externalURL.replaceAll("/+$", "") + "/#/silences/new?filter="
                + URLEncoder.encode(matchers.toString(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String link(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) ? url : "";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
