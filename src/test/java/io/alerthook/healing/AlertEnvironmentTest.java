package io.alerthook.healing;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertEnvironmentTest {

    private static final Map<String, String> ALERTHOOK_ENVIRONMENT = Map.of(
            "PATH", "/usr/bin:/bin", "HOME", "/app",
            "ALERTHOOK_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/secret",
            "ALERTHOOK_AUTH_BEARER_TOKEN", "s3cret");

    @Test
    void keepsOnlyTheInheritedVariablesAndAddsTheAlert() {
        AlertEvent event = new AlertEvent(
                new Alert("firing", Map.of("alertname", "Application down", "instance", "web-app:8000", "kube-pod", "a\0b"),
                        Map.of("title", "App is down", "runbook.url", "https://runbooks/x"),
                        "2026-11-21T05:31:11Z", "0001-01-01T00:00:00Z", "http://prometheus:9090/graph", "9977655340ded8b2"),
                new AlertGroup("hook", "{}:{alertname=\"Application down\"}", "firing", "http://alertmanager:9093",
                        Map.of(), Map.of(), 0, "n"));

        Map<String, String> environment = new AlertEnvironment(List.of("PATH", "HOME", "TZ"), ALERTHOOK_ENVIRONMENT).forAlert(event);

        assertThat(environment).containsEntry("PATH", "/usr/bin:/bin").containsEntry("HOME", "/app")
                .containsEntry("ALERT_ALERTNAME", "Application down")
                .containsEntry("ALERT_STATUS", "firing")
                .containsEntry("ALERT_SEVERITY", "none")
                .containsEntry("ALERT_FINGERPRINT", "9977655340ded8b2")
                .containsEntry("ALERT_STARTS_AT", "2026-11-21T05:31:11Z")
                .containsEntry("ALERT_GROUP_KEY", "{}:{alertname=\"Application down\"}")
                .containsEntry("ALERT_EXTERNAL_URL", "http://alertmanager:9093")
                .containsEntry("ALERT_LABEL_INSTANCE", "web-app:8000")
                .containsEntry("ALERT_ANNOTATION_TITLE", "App is down")
                .containsEntry("ALERT_ANNOTATION_RUNBOOK_URL", "https://runbooks/x")
                .doesNotContainKeys("ALERTHOOK_SLACK_WEBHOOK_URL", "ALERTHOOK_AUTH_BEARER_TOKEN", "TZ", "ALERT_LABEL_KUBE_POD");
        assertThat(environment.values()).noneMatch(value -> value.contains("secret") || value.contains("s3cret"));
    }
}
