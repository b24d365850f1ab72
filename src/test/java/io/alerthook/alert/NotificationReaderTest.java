package io.alerthook.alert;

import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationReaderTest {

    private final NotificationReader reader = Fixtures.READER;

    @Test
    void readsTheSeedAlertAsAlertmanagerSendsIt() {
        Notification notification = reader.read(Fixtures.bytes(Fixtures.FIRING_SINGLE));

        assertThat(notification.receiver()).isEqualTo("hook");
        assertThat(notification.groupKey()).isEqualTo("{}:{alertname=\"Application down\"}");
        assertThat(notification.alerts()).hasSize(1);
        Alert alert = notification.alerts().get(0);
        assertThat(alert.alertname()).isEqualTo("Application down");
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.isFiring()).isTrue();
        assertThat(alert.fingerprint()).isEqualTo("9977655340ded8b2");
        assertThat(alert.annotations()).containsEntry("title", "App is down on web-app:8000");
        assertThat(alert.endsAt()).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void readsAResolvedAlert() {
        Alert alert = reader.read(Fixtures.bytes(Fixtures.RESOLVED_SINGLE)).alerts().get(0);

        assertThat(alert.isFiring()).isFalse();
        assertThat(alert.status()).isEqualTo("resolved");
    }

    @Test
    void splitsIntoOneEventPerAlertEachCarryingTheGroupContext() {
        List<AlertEvent> events = reader.read(Fixtures.bytes(Fixtures.FIRING_TRUNCATED)).alertEvents();

        assertThat(events).hasSize(5);
        assertThat(events).extracting(event -> event.alert().labels().get("instance"))
                .containsExactly("node-1:9100", "node-2:9100", "node-3:9100", "node-4:9100", "node-5:9100");
        AlertGroup group = events.get(4).group();
        assertThat(group.receiver()).isEqualTo("hook");
        assertThat(group.groupKey()).isEqualTo("{}:{alertname=\"HighLatency\"}");
        assertThat(group.externalURL()).isEqualTo("http://alertmanager:9093");
        assertThat(group.commonLabels()).containsEntry("severity", "warning");
        assertThat(group.truncatedAlerts()).isEqualTo(2);
    }

    @Test
    void keepsShellCharactersAndEmojiAsPlainData() {
        Alert alert = reader.read(Fixtures.bytes(Fixtures.FIRING_TRUNCATED)).alerts().get(0);

        assertThat(alert.labels()).containsEntry("path", "/api/v1/$(touch /tmp/pwned); rm -rf ~");
        assertThat(alert.annotations()).containsEntry("title", "Latency high on node-1 🚨");
    }

    @Test
    void countsAnAlertWithoutSeverityAsNone() {
        String body = Fixtures.text(Fixtures.FIRING_SINGLE).replace("\"severity\": \"critical\"", "\"team\": \"web\"");

        assertThat(reader.read(body.getBytes(StandardCharsets.UTF_8)).alerts().get(0).severity()).isEqualTo("none");
    }

    @Test
    void namesEveryProblemWithItsPath() {
        String body = """
                {"version": "4", "status": "burning", "truncatedAlerts": -1, "commonLabels": [],
                 "alerts": [{"status": "pending", "labels": {"alertname": "X", "n": 1}, "annotations": "no", "fingerprint": ""},
                            "not an alert"]}
                """;

        assertThatThrownBy(() -> reader.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidNotificationException.class, e -> assertThat(e.getProblems()).containsExactly(
                        "status: must be \"firing\" or \"resolved\", got \"burning\"",
                        "commonLabels: must be an object of string values, got array",
                        "truncatedAlerts: must be a non-negative integer, got number",
                        "alerts[0].status: must be \"firing\" or \"resolved\", got \"pending\"",
                        "alerts[0].labels.n: must be a string, got number",
                        "alerts[0].annotations: must be an object of string values, got \"no\"",
                        "alerts[0].fingerprint: must be a non-empty string, got \"\"",
                        "alerts[1]: must be an object, got \"not an alert\""));
    }

    @Test
    void rejectsWhatIsNotAVersion4Notification() {
        assertThatThrownBy(() -> reader.read("{\"alerts\": []}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidNotificationException.class, e -> assertThat(e.getProblems()).containsExactly(
                        "version: must be \"4\" (Alertmanager webhook payload version), got nothing",
                        "alerts: must be a non-empty list, got array"));
        assertThatThrownBy(() -> reader.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidNotificationException.class,
                        e -> assertThat(e.getProblems().get(0)).startsWith("body is not valid JSON: "));
    }
}
