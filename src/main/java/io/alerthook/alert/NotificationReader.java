package io.alerthook.alert;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an Alertmanager webhook body (payload version 4) into a {@link Notification}.
 * The JSON tree is checked first so that every problem is reported with its path,
 * e.g. {@code alerts[0].status: must be "firing" or "resolved"}. The parser itself refuses hostile shapes
 * (deep nesting, huge strings) before they cost memory.
 */
public final class NotificationReader {

    private static final Set<String> STATUSES = Set.of("firing", "resolved");
    private static final String SUPPORTED_VERSION = "4";

    private final int maxAlerts;
    private final int maxNestingDepth;
    private final int maxStringLength;
    private final ObjectMapper mapper;

    public NotificationReader(int maxAlerts, int maxNestingDepth, int maxStringLength) {
        this.maxAlerts = maxAlerts;
        this.maxNestingDepth = maxNestingDepth;
        this.maxStringLength = maxStringLength;
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNameLength(maxStringLength)
                .build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // One JSON value, each name once: "{...} junk" or a second "status" are mistakes, not data to pick from.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** @param body as received; null for an empty one */
    public Notification read(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body == null ? new byte[0] : body);
        } catch (StreamConstraintsException e) {
            throw beyondLimits(e);
        } catch (JacksonException e) {
            throw new InvalidNotificationException(List.of("body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidNotificationException(List.of("body could not be read: " + e.getMessage()));
        }
        JsonNode alerts = root == null ? null : root.get("alerts");
        if (alerts != null && alerts.size() > maxAlerts) {
            throw new NotificationTooLargeException("alerts: " + alerts.size() + " alerts, more than the " + maxAlerts
                    + " accepted (alerthook.intake.max-alerts); set max_alerts in Alertmanager's webhook_config");
        }
        List<String> problems = problemsOf(root);
        if (!problems.isEmpty()) {
            throw new InvalidNotificationException(problems);
        }
        try {
            return mapper.treeToValue(root, Notification.class).withId(UUID.randomUUID().toString());
        } catch (JacksonException e) {
            throw new InvalidNotificationException(List.of(e.getOriginalMessage()));
        }
    }

    private InvalidNotificationException beyondLimits(StreamConstraintsException e) {
        // Jackson tells the limits apart only by message.
        if (e.getOriginalMessage().contains("nesting depth")) {
            return new InvalidNotificationException(List.of("body is nested deeper than " + maxNestingDepth
                    + " levels (alerthook.intake.max-nesting-depth)"));
        }
        return new NotificationTooLargeException("body holds a string or name longer than " + maxStringLength
                + " characters (alerthook.intake.max-string-length)");
    }

    private static List<String> problemsOf(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            problems.add("body must be a JSON object (an Alertmanager webhook notification)");
            return problems;
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || !SUPPORTED_VERSION.equals(version.textValue())) {
            problems.add("version: must be \"" + SUPPORTED_VERSION + "\" (Alertmanager webhook payload version), got "
                    + describe(version));
        }
        optionalStatus(root, "status", problems);
        for (String field : List.of("receiver", "groupKey", "externalURL")) {
            optionalText(root, field, field, problems);
        }
        for (String field : List.of("groupLabels", "commonLabels", "commonAnnotations")) {
            optionalStringMap(root.get(field), field, problems);
        }
        JsonNode truncated = root.get("truncatedAlerts");
        if (isPresent(truncated) && !(truncated.canConvertToInt() && truncated.isIntegralNumber() && truncated.intValue() >= 0)) {
            problems.add("truncatedAlerts: must be a non-negative integer, got " + describe(truncated));
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
            problems.add("alerts: must be a non-empty list, got " + describe(alerts));
            return problems;
        }
        for (int i = 0; i < alerts.size(); i++) {
            alertProblems(alerts.get(i), "alerts[" + i + "]", problems);
        }
        return problems;
    }

    private static void alertProblems(JsonNode alert, String path, List<String> problems) {
        if (!alert.isObject()) {
            problems.add(path + ": must be an object, got " + describe(alert));
            return;
        }
        JsonNode status = alert.get("status");
        if (status == null || !status.isTextual() || !STATUSES.contains(status.textValue())) {
            problems.add(path + ".status: must be \"firing\" or \"resolved\", got " + describe(status));
        }
        JsonNode labels = alert.get("labels");
        if (labels == null || !labels.isObject()) {
            problems.add(path + ".labels: must be an object of string values, got " + describe(labels));
        } else {
            optionalStringMap(labels, path + ".labels", problems);
        }
        optionalStringMap(alert.get("annotations"), path + ".annotations", problems);
        JsonNode fingerprint = alert.get("fingerprint");
        if (fingerprint == null || !fingerprint.isTextual() || fingerprint.textValue().isBlank()) {
            problems.add(path + ".fingerprint: must be a non-empty string, got " + describe(fingerprint));
        }
        for (String field : List.of("startsAt", "endsAt", "generatorURL")) {
            optionalText(alert, field, path + "." + field, problems);
        }
    }

    private static void optionalStatus(JsonNode parent, String field, List<String> problems) {
        JsonNode status = parent.get(field);
        if (isPresent(status) && !(status.isTextual() && STATUSES.contains(status.textValue()))) {
            problems.add(field + ": must be \"firing\" or \"resolved\", got " + describe(status));
        }
    }

    private static void optionalText(JsonNode parent, String field, String path, List<String> problems) {
        JsonNode value = parent.get(field);
        if (isPresent(value) && !value.isTextual()) {
            problems.add(path + ": must be a string, got " + describe(value));
        }
    }

    private static void optionalStringMap(JsonNode map, String path, List<String> problems) {
        if (!isPresent(map)) {
            return;
        }
        if (!map.isObject()) {
            problems.add(path + ": must be an object of string values, got " + describe(map));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isTextual()) {
                problems.add(path + "." + entry.getKey() + ": must be a string, got " + describe(entry.getValue()));
            }
        }
    }

    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
