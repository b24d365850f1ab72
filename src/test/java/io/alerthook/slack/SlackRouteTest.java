package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Answer;
import io.alerthook.support.SlackStub.Attempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Slack delivery through the running routes, against the loopback stub (one webhook, 10 ms between posts). */
@ExtendWith(OutputCaptureExtension.class)
class SlackRouteTest extends RunningAlerthook {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void postsTheSeedAlertAsOneReadableMessage() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-firing");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        Attempt message = awaitOneMessage("slack-firing");
        assertThat(message.payload().get("text").asText()).isEqualTo("[FIRING:1] Application down: App is down on web-app:8000");
        assertThat(message.payload().at("/attachments/0/color").asText()).isEqualTo("#E01E5A");
        assertThat(message.text()).contains(":fire: *[FIRING:1] Application down*")
                .contains("*Alert:* App is down on web-app:8000 - `critical`")
                .contains("*Description:* The app on instance web-app:8000 has been down for the past 1 minute.")
                .contains("<http://prometheus:9090/graph?g0.expr=up%7Bjob%3D%22web-app%22%7D+%3D%3D+0|Source>")
                .contains("<http://alertmanager:9093|Alertmanager>");
        assertThat(message.text()).containsSubsequence("• *alertname:* `Application down`", "• *instance:* `web-app:8000`",
                "• *job:* `web-app`", "• *run:* `slack-firing`", "• *severity:* `critical`");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts"))
                        .extracting(event -> event.get("outcome").asText() + "/" + event.get("slackDestination").asText())
                        .containsExactly("sent/default"));
    }

    @Test
    void saysResolvedPlainlyInGreen() {
        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.RESOLVED_SINGLE, "slack-resolved"))).statusCode())
                .isEqualTo(200);

        Attempt message = awaitOneMessage("slack-resolved");
        assertThat(message.payload().at("/attachments/0/color").asText()).isEqualTo("#2EB67D");
        assertThat(message.text()).startsWith("[RESOLVED] Application down").contains(":white_check_mark: *[RESOLVED] Application down*")
                .contains("*RESOLVED*").doesNotContain("FIRING");
    }

    @Test
    void groupsTheAlertsOfOneNotificationIntoOneMessageKeepingEmoji() {
        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_TRUNCATED, "slack-group"))).statusCode())
                .isEqualTo(200);

        String text = awaitOneMessage("slack-group").text();
        assertThat(text).contains(":warning: *[FIRING:5] HighLatency*")
                .containsSubsequence("Latency high on node-1 🚨", "Latency high on node-2 🚨", "Latency high on node-5 🚨")
                .contains("• *path:* `/api/v1/$(touch /tmp/pwned); rm -rf ~`")
                .contains("2 more alerts in this group were left out by Alertmanager");
    }

    @Test
    void showsTheFirstAlertsOfAHugeGroupAndCountsTheRest() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-huge");
        ArrayNode alerts = (ArrayNode) notification.get("alerts");
        JsonNode first = alerts.get(0);
        alerts.removeAll();
        IntStream.range(0, 500).forEach(i -> {
            ObjectNode alert = first.deepCopy();
            alert.put("fingerprint", "huge" + i + "-" + first.get("fingerprint").asText());
            ((ObjectNode) alert.get("labels")).put("instance", "web-" + i + ":8000")
                    .put("alertname", "Application down (no playbook)"); // 500 heal runs are not what this test is about
            alerts.add(alert);
        });

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        Attempt message = awaitOneMessage("slack-huge");
        assertThat(SlackLimits.fits(message.payload())).isTrue();
        assertThat(message.text()).contains("*[FIRING:500] Application down*").contains("web-19:8000")
                .doesNotContain("web-20:8000").contains("_and 480 more alerts_");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(AUDIT.slackEventsFor("huge499-" + first.get("fingerprint").asText(), "alerts"))
                .extracting(event -> event.get("outcome").asText()).containsExactly("sent"));
    }

    @Test
    void deliversTheStatesOfAGroupInTheOrderTheyCame() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-order");
        for (int update = 1; update <= 6; update++) {
            Fixtures.labels(notification, 0).put("update", String.valueOf(update));
            ((ObjectNode) notification.get("alerts").get(0)).put("startsAt", "2026-11-21T06:31:" + (10 + update) + "Z");
            assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        }

        // some may be coalesced into a newer state; none arrives after a newer one
        await().atMost(PATIENCE).until(() -> alertMessagesWith("slack-order").stream().anyMatch(m -> m.text().contains("• *update:* `6`")));
        List<Integer> updates = alertMessagesWith("slack-order").stream()
                .map(message -> Integer.valueOf(message.text().replaceAll("(?s).*• \\*update:\\* `(\\d+)`.*", "$1"))).toList();
        assertThat(updates).isSorted().doesNotHaveDuplicates().endsWith(6);
    }

    @Test
    void retriesAfterAServerError() {
        SLACK.failNext(inAlertMessage("slack-retry"), 2, 500);
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-retry");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        awaitOneMessage("slack-retry");
        assertThat(alertAttemptsWith("slack-retry")).extracting(Attempt::status).containsExactly(500, 500, 200);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts"))
                        .extracting(event -> event.get("outcome").asText() + " after " + event.get("retries").asText())
                        .containsExactly("sent after 2"));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysNotItsOwnBackoff() {
        // The backoff here is 20 ms; Slack asks for 2 s.
        SLACK.answerNext(inAlertMessage("slack-429"), Answer.rateLimited("2"));

        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-429"))).statusCode()).isEqualTo(200);

        awaitOneMessage("slack-429");
        List<Attempt> attempts = alertAttemptsWith("slack-429");
        assertThat(attempts).extracting(Attempt::status).containsExactly(429, 200);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void keepsADeadLetterWithoutTheWebhookUrlOnceTheMessageIsTooOld(CapturedOutput output) throws Exception {
        SLACK.failNext(inAlertMessage("slack-down"), 1000, 500);
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-down");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        String fingerprint = Fixtures.fingerprint(notification, 0);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> slack = AUDIT.slackEventsFor(fingerprint, "alerts");
            assertThat(slack).extracting(event -> event.get("outcome").asText()).containsExactly("failed");
            assertThat(slack.get(0).get("error").asText()).contains("Slack answered 500");
        });
        // Tried again and again (at most 100 ms apart here) until it was older than alerthook.slack.max-age (1 s here).
        List<Attempt> attempts = alertAttemptsWith("slack-down");
        assertThat(attempts).hasSizeGreaterThan(3);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(attempts.size() - 1).at())).isGreaterThan(Duration.ofMillis(700));
        // The dead letter, whole, as the audit API lists it.
        JsonNode letter = deadLetterFor(fingerprint);
        assertThat(letter.get("slackDestination").asText()).isEqualTo("default");
        assertThat(letter.get("error").asText()).contains("Slack answered 500");
        assertThat(letter.at("/payload/text").asText()).startsWith("[FIRING:1] Application down");
        assertThat(webhook().get("/actuator/prometheus").body()).containsPattern("alerthook_slack_dead_letters_total\\{[^}]*destination=\"default\"");
        assertThat(AUDIT.events().toString()).doesNotContain(SlackStub.SECRET_PATH);
        assertThat(output.getAll()).doesNotContain(SlackStub.SECRET_PATH);
    }

    @Test
    void doesNotRetryWhatSlackRefusesForGood() throws IOException {
        SLACK.failNext(inAlertMessage("slack-refused"), 5, 400);
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-refused");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        String fingerprint = Fixtures.fingerprint(notification, 0);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(AUDIT.slackEventsFor(fingerprint, "alerts"))
                .extracting(event -> event.get("error").asText()).containsExactly("Slack answered 400 (invalid_payload)"));
        assertThat(alertAttemptsWith("slack-refused")).hasSize(1);
        assertThat(deadLetterFor(fingerprint).get("error").asText()).isEqualTo("Slack answered 400 (invalid_payload)");
    }

    @Test
    void sendsOnlyTheLatestStateOfAGroupThatKeepsChangingWhileSlackIsBusy() {
        // Slack takes 1.5 s over the first message; meanwhile Alertmanager sends the group again and again.
        SLACK.answerNext(inAlertMessage("slack-storm"), Answer.slowly(Duration.ofMillis(1500)));
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "slack-storm");
        for (int update = 1; update <= 30; update++) {
            Fixtures.labels(notification, 0).put("update", String.valueOf(update));
            // a new state of the group, not a duplicate of the last one
            ((ObjectNode) notification.get("alerts").get(0)).put("startsAt", "2026-11-21T05:31:" + (10 + update) + "Z");
            assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
            if (update == 1) {
                await().atMost(PATIENCE).until(() -> !SLACK.attemptsWith(inAlertMessage("slack-storm")).isEmpty());
            }
        }

        await().atMost(PATIENCE).until(() -> alertMessagesWith("slack-storm").stream().anyMatch(m -> m.text().contains("`30`")));
        List<Attempt> delivered = alertMessagesWith("slack-storm");
        assertThat(delivered.size()).isBetween(2, 4);
        assertThat(delivered.get(delivered.size() - 1).text()).contains("• *update:* `30`");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts"))
                .extracting(event -> event.get("outcome").asText())
                .filteredOn("coalesced"::equals).hasSize(30 - delivered.size()));
    }

    private static Attempt awaitOneMessage(String marker) {
        await().atMost(PATIENCE).until(() -> alertMessagesWith(marker).size() == 1);
        return alertMessagesWith(marker).get(0);
    }

    /** The alert messages (not heal reports: the shipped playbook answers "Application down"). */
    private static List<Attempt> alertMessagesWith(String marker) {
        return alertAttemptsWith(marker).stream().filter(message -> message.status() == 200).toList();
    }

    private static List<Attempt> alertAttemptsWith(String marker) {
        return SLACK.attemptsWith(marker).stream().filter(message -> message.payload().has("attachments")).toList();
    }

    /**
     * Matches the run label as an alert message shows it ({@code `run`}), not as a heal report about the same alert
     * does ({@code run=...}), so that scripted answers go to the alert message.
     */
    private static String inAlertMessage(String run) {
        return "`" + run + "`";
    }

    /** The alert's dead letter, as {@code GET /audit?event=slack&outcome=failed} lists it. */
    private JsonNode deadLetterFor(String fingerprint) throws IOException {
        JsonNode listed = new ObjectMapper().readTree(webhook().getAuthorized("/audit?event=slack&outcome=failed&fingerprint=" + fingerprint).body());
        assertThat(listed.get("events")).hasSize(1);
        return listed.get("events").get(0);
    }
}
