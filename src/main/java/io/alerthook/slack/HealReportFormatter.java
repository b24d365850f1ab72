package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static io.alerthook.slack.SlackJsonOutputFormat.mrkdwn;

/**
 * The follow-up to an alert once a playbook has dealt with it, e.g. "healed: restart-web-app exited 0 in 1.2 s",
 * with the last lines of the command's output, and the call for a human when healing gives up.
 */
public final class HealReportFormatter {

    private final SlackDestinations destinations;

    public HealReportFormatter(SlackDestinations destinations) {
        this.destinations = destinations;
    }

    static final int TAIL_LINES = 5;
    static final int TAIL_CHARS = 600;

    /**
     * @param outcome    the audit record of how the run ended
     * @param escalation the give-up message, or null while healing goes on
     */
    public SlackPost format(AlertEvent alert, AuditEvent outcome, String escalation) {
        StringBuilder text = new StringBuilder(headline(outcome)).append('\n')
                .append("for *").append(mrkdwn(alert.alert().alertname())).append('*').append(labels(alert.alert())).append('\n');
        appendTail(text, "stdout", outcome.details().get("stdout"));
        appendTail(text, "stderr", outcome.details().get("stderr"));
        if (escalation != null) {
            text.append(":rotating_light: *").append(mrkdwn(escalation)).append("*\n");
        }
        SlackDestination destination = destinations.of(alert);
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("text", text.toString().stripTrailing());
        return new SlackPost(SlackPost.Kind.HEAL_REPORT, destination, destination.address(payload), List.of(alert), Instant.now());
    }

    private static String headline(AuditEvent outcome) {
        Map<String, Object> details = outcome.details();
        String playbook = "`" + mrkdwn(String.valueOf(details.get("playbook"))) + "`";
        String took = seconds(details.get("durationMs"));
        return switch (outcome.outcome()) {
            case SUCCEEDED -> ":white_check_mark: *healed*: " + playbook + " exited 0 in " + took;
            case FAILED -> ":x: *heal failed*: " + playbook + " exited " + details.get("exitCode") + " in " + took;
            case TIMEOUT -> ":hourglass: *heal timed out*: " + playbook + " was killed after " + took;
            case CANCELLED -> ":octagonal_sign: *heal cancelled*: " + playbook + " was stopped after " + took
                    + " because the alert resolved";
            case DRY_RUN -> ":memo: *dry run*: " + playbook + " would run `" + mrkdwn(commandLine(details)) + "`";
            default -> ":x: *heal could not run*: " + playbook + ": " + mrkdwn(String.valueOf(details.get("error")));
        };
    }

    private static String commandLine(Map<String, Object> details) {
        StringJoiner line = new StringJoiner(" ");
        line.add(String.valueOf(details.get("command")));
        if (details.get("argv") instanceof List<?> argv) {
            argv.forEach(argument -> line.add(String.valueOf(argument)));
        }
        return line.toString();
    }

    /** The alert's identifying labels besides its name, so two instances' reports can be told apart. */
    private static String labels(Alert alert) {
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.remove("alertname");
        labels.remove("severity");
        if (labels.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner(" ", " `", "`");
        labels.forEach((name, value) -> joined.add(name + "=" + value));
        return mrkdwn(joined.toString());
    }

    private static void appendTail(StringBuilder text, String stream, Object output) {
        String tail = lastLines(output == null ? "" : output.toString());
        if (!tail.isEmpty()) {
            // A code block must not be closed early by the command's own output.
            text.append(stream).append(":\n```").append(mrkdwn(tail).replace("```", "'''")).append("```\n");
        }
    }

    static String lastLines(String output) {
        List<String> lines = output.strip().lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        return tail.length() <= TAIL_CHARS ? tail : "…" + tail.substring(tail.length() - TAIL_CHARS);
    }

    private static String seconds(Object millis) {
        return millis instanceof Number number ? String.format(Locale.ROOT, "%.1f s", number.longValue() / 1000.0) : "?";
    }
}
