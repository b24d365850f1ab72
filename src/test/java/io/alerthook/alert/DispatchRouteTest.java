package io.alerthook.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The split into single alerts and the per-destination severity filter (tests run with Slack taking critical,warning). */
class DispatchRouteTest extends RunningAlerthook {

    @Test
    void leavesAlertsOfOtherSeveritiesOutOfTheSlackMessageAndSaysSoInTheAudit() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_TRUNCATED, "dispatch-filter");
        Fixtures.labels(notification, 1).put("severity", "info");
        Fixtures.labels(notification, 2).remove("severity");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.receivedWith("dispatch-filter").size() == 1);
        String message = SLACK.receivedWith("dispatch-filter").get(0);
        assertThat(message).contains("[FIRING:3] HighLatency").contains("node-1").contains("node-4").contains("node-5")
                .doesNotContain("node-2").doesNotContain("node-3");
        assertThat(filteredFromSlack(notification, 1)).extracting(event -> event.get("severity").asText()).containsExactly("info");
        assertThat(filteredFromSlack(notification, 2)).extracting(event -> event.get("severity").asText()).containsExactly("none");
        assertThat(filteredFromSlack(notification, 0)).isEmpty();
    }

    @Test
    void sendsNoSlackMessageWhenNoAlertPassesTheFilter() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "dispatch-none");
        Fixtures.labels(notification, 0).put("severity", "info");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(filteredFromSlack(notification, 0)).hasSize(1));
        assertThat(AUDIT.eventsFor(Fixtures.fingerprint(notification, 0), "slack")).isEmpty();
        assertThat(SLACK.receivedWith("dispatch-none")).isEmpty();
    }

    private static List<JsonNode> filteredFromSlack(JsonNode notification, int alert) {
        return AUDIT.eventsFor(Fixtures.fingerprint(notification, alert), "filtered").stream()
                .filter(event -> event.get("destination").asText().equals("slack")).toList();
    }
}
