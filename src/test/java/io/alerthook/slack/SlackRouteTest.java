package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import io.alerthook.support.SlackStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class SlackRouteTest extends RunningAlerthook {

    @Test
    void postsTheSeedAlertAsOneReadableMessage() throws Exception {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-firing");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        String text = awaitOneMessage("slack-firing");
        assertThat(text).startsWith(":fire: *[FIRING:1] Application down*")
                .contains("*Alert:* App is down on web-app:8000 - `critical`")
                .contains("*Description:* The app on instance web-app:8000 has been down for the past 1 minute.")
                .contains("<http://prometheus:9090/graph?g0.expr=up%7Bjob%3D%22web-app%22%7D+%3D%3D+0|Source>")
                .contains("<http://alertmanager:9093|Alertmanager>");
        assertThat(text).containsSubsequence("• *alertname:* `Application down`", "• *instance:* `web-app:8000`",
                "• *job:* `web-app`", "• *run:* `slack-firing`", "• *severity:* `critical`");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts"))
                        .extracting(event -> event.get("outcome").asText()).containsExactly("sent"));
    }

    @Test
    void saysResolvedPlainly() throws Exception {
        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.RESOLVED_SINGLE, "slack-resolved"))).statusCode())
                .isEqualTo(200);

        String text = awaitOneMessage("slack-resolved");
        assertThat(text).startsWith(":white_check_mark: *[RESOLVED] Application down*").contains("*RESOLVED*")
                .doesNotContain("FIRING");
    }

    @Test
    void groupsTheAlertsOfOneNotificationIntoOneMessageKeepingEmoji() throws Exception {
        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_TRUNCATED, "slack-group"))).statusCode())
                .isEqualTo(200);

        String text = awaitOneMessage("slack-group");
        assertThat(text).startsWith(":fire: *[FIRING:5] HighLatency*")
                .containsSubsequence("Latency high on node-1 🚨", "Latency high on node-2 🚨", "Latency high on node-5 🚨")
                .contains("• *path:* `/api/v1/$(touch /tmp/pwned); rm -rf ~`")
                .contains("2 more alerts in this group were left out by Alertmanager");
    }

    @Test
    void retriesWhenSlackFails() throws Exception {
        SLACK.failNext("slack-retry", 2, 500);
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-retry");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        awaitOneMessage("slack-retry");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts"))
                        .extracting(event -> event.get("outcome").asText()).containsExactly("sent"));
    }

    @Test
    void recordsAFailureWithoutTheWebhookUrlOnceRetriesRunOut(CapturedOutput output) {
        SLACK.failNext("slack-down", 10, 500);
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-down");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> slack = AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts");
            assertThat(slack).extracting(event -> event.get("outcome").asText()).containsExactly("failed");
            assertThat(slack.get(0).get("error").asText()).contains("500");
        });
        assertThat(alertMessagesWith("slack-down")).isEmpty();
        assertThat(AUDIT.events().toString()).doesNotContain(SlackStub.SECRET_PATH);
        assertThat(output.getAll()).doesNotContain(SlackStub.SECRET_PATH);
    }

    private static String awaitOneMessage(String marker) {
        await().atMost(Duration.ofSeconds(10)).until(() -> alertMessagesWith(marker).size() == 1);
        return alertMessagesWith(marker).get(0);
    }

    /** The texts of the alert messages (not heal reports: the shipped playbook answers "Application down"). */
    private static List<String> alertMessagesWith(String marker) {
        return SLACK.receivedWith(marker).stream().filter(text -> text.contains("*[")).toList();
    }
}
