package io.alerthook.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The domain meters at /actuator/prometheus, as Prometheus scrapes them, after a real notification went through. */
class DomainMetricsTest extends RunningAlerthook {

    @Test
    void countsNotificationsAlertsSlackMessagesHealRunsAndAuditWrites() {
        String before = scrape();
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "metrics");
        String fingerprint = Fixtures.fingerprint(notification, 0);
        // an alert Slack's severities leave out
        ObjectNode info = ((ObjectNode) notification.get("alerts").get(0)).deepCopy().put("fingerprint", "1nf0" + fingerprint.substring(4));
        ((ObjectNode) info.get("labels")).put("severity", "info");
        notification.withArray("alerts").add(info);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> AUDIT.eventsFor(fingerprint, "heal").stream()
                .anyMatch(event -> event.get("outcome").asText().equals("failed")) && !AUDIT.slackEventsFor(fingerprint, "alerts").isEmpty());

        String after = scrape();
        assertThat(increase(before, after, "alerthook_notifications_received_total{receiver=\"hook\",status=\"firing\"}")).isEqualTo(1);
        assertThat(increase(before, after, "alerthook_notifications_duplicate_total")).isEqualTo(1);
        assertThat(increase(before, after, "alerthook_alerts_received_total{severity=\"critical\",status=\"firing\"}")).isEqualTo(1);
        assertThat(increase(before, after, "alerthook_alerts_filtered_total{destination=\"slack\"}")).isEqualTo(1);
        assertThat(increase(before, after, "alerthook_slack_messages_total{destination=\"default\",message=\"alerts\",outcome=\"sent\"}")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, "alerthook_heal_runs_total{outcome=\"failed\",playbook=\"restart-web-app\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "alerthook_heal_duration_seconds_count{playbook=\"restart-web-app\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "alerthook_audit_write_seconds_count")).isGreaterThanOrEqualTo(3);
        assertThat(after).contains("alerthook_audit_write_seconds_bucket{le=")
                .contains("alerthook_slack_queue_depth{destination=\"default\"}")
                .contains("alerthook_dispatch_queue_depth").contains("alerthook_heal_queue_depth")
                // at zero from the start, so that the first failure shows as an increase
                .contains("alerthook_slack_messages_total{destination=\"default\",message=\"heal-report\",outcome=\"failed\"}")
                .contains("alerthook_audit_write_errors_total 0.0")
                .contains("alerthook_replica_takeovers_total{of=\"slack\"} 0.0").contains("alerthook_replica_takeovers_total{of=\"heal\"} 0.0");
        // no high-cardinality labels
        assertThat(after).doesNotContain("fingerprint=").doesNotContain("instance=\"web-app").doesNotContain(fingerprint);
    }

    /** The scrape without the replica label, which every series carries (checked once, here). */
    private String scrape() {
        String scrape = webhook().get("/actuator/prometheus").body();
        assertThat(scrape.lines().filter(line -> line.startsWith("alerthook_"))).isNotEmpty()
                .allSatisfy(series -> assertThat(series).contains("replica=\"" + REPLICA + "\""));
        return scrape.replace(",replica=\"" + REPLICA + "\"", "").replace("{replica=\"" + REPLICA + "\",", "{")
                .replace("{replica=\"" + REPLICA + "\"}", "");
    }

    private static double increase(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    private static double value(String scrape, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
