package io.alerthook.slack;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.alerthook.slack.SlackSettings.text;
import static org.assertj.core.api.Assertions.assertThat;

class HealReportFormatterTest {

    private static final AlertEvent ALERT = new AlertEvent(
            new Alert("firing", Map.of("alertname", "Application down", "instance", "web-1:8000", "job", "web-app",
                    "severity", "critical"), Map.of(), null, null, null, "f"),
            new AlertGroup("r", "g", "firing", null, Map.of(), Map.of(), 0, "n"));

    private final HealReportFormatter formatter = new HealReportFormatter(SlackSettings.destinations());

    @Test
    void saysWhatHealedTheAlertAndHowLongItTook() {
        SlackPost post = formatter.format(ALERT, outcome("succeeded").with("exitCode", 0).with("durationMs", 1234)
                .with("stdout", "restarted web-1\n").with("stderr", ""), null);

        assertThat(post.kind()).isEqualTo(SlackPost.Kind.HEAL_REPORT);
        assertThat(post.alerts()).containsExactly(ALERT);
        assertThat(text(post)).isEqualTo("""
                :white_check_mark: *healed*: `restart-web-app` exited 0 in 1.2 s
                for *Application down* `instance=web-1:8000 job=web-app`
                stdout:
                ```restarted web-1```""");
    }

    @Test
    void keepsTheLastLinesOfAFailuresOutputAndCallsForAHuman() {
        String stderr = IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i + " <b>").collect(Collectors.joining("\n"));

        String text = text(formatter.format(ALERT, outcome("failed").with("exitCode", 2).with("durationMs", 300)
                .with("stderr", stderr + "\n```"), "auto-heal gave up on Application down after 3 attempts: a human is needed"));

        assertThat(text).startsWith(":x: *heal failed*: `restart-web-app` exited 2 in 0.3 s")
                .contains("stderr:\n```line 17 &lt;b&gt;\nline 18 &lt;b&gt;\nline 19 &lt;b&gt;\nline 20 &lt;b&gt;\n'''```")
                .doesNotContain("line 16")
                .endsWith(":rotating_light: *auto-heal gave up on Application down after 3 attempts: a human is needed*");
    }

    @Test
    void describesEveryOtherEnding() {
        assertThat(text(formatter.format(ALERT, outcome("timeout").with("durationMs", 30_000), null)))
                .startsWith(":hourglass: *heal timed out*: `restart-web-app` was killed after 30.0 s");
        assertThat(text(formatter.format(ALERT, outcome("cancelled").with("durationMs", 2_100), null)))
                .startsWith(":octagonal_sign: *heal cancelled*: `restart-web-app` was stopped after 2.1 s because the alert resolved");
        assertThat(text(formatter.format(ALERT, outcome("dry-run"), null)))
                .startsWith(":memo: *dry run*: `restart-web-app` would run `scripts/restart-web-app.sh --instance=web-1:8000`");
        assertThat(text(formatter.format(ALERT, outcome("refused").with("error", "value starts with '-'"), null)))
                .startsWith(":x: *heal could not run*: `restart-web-app`: value starts with '-'");
    }

    @Test
    void keepsAVeryLongLastLineShort() {
        assertThat(HealReportFormatter.lastLines("x".repeat(5000))).hasSize(HealReportFormatter.TAIL_CHARS + 1).startsWith("…");
    }

    private static AuditEvent outcome(String outcome) {
        return AuditEvent.of(Event.HEAL, Outcome.of(outcome), ALERT).with("playbook", "restart-web-app")
                .with("command", "scripts/restart-web-app.sh").with("argv", List.of("--instance=web-1:8000"));
    }
}
