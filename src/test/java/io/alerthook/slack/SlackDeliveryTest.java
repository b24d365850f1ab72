package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Answer;
import io.alerthook.support.SlackStub.Attempt;
import io.alerthook.support.Webhook;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slack delivery at its production pace (one message per second per webhook), with three destinations: the
 * default webhook, "warnings" (the default webhook, channel #alerts) and "db" (its own webhook, for team=db).
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CamelSpringBootTest
class SlackDeliveryTest {

    private static final SlackStub SLACK = new SlackStub();
    private static final AuditFile AUDIT = new AuditFile(tempFile());
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** A second, less a margin for the clocks of two processes on one machine. */
    private static final Duration ONE_SECOND = Duration.ofMillis(950);

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void alerthookProperties(DynamicPropertyRegistry registry) {
        registry.add("alerthook.audit.file", () -> AUDIT.path().toString());
        registry.add("alerthook.slack.webhook-url", SLACK::webhookUrl);
        registry.add("alerthook.slack.severities", () -> "critical,warning");
        registry.add("alerthook.slack.destinations[0].name", () -> "db");
        registry.add("alerthook.slack.destinations[0].matchers", () -> "team=\"db\"");
        registry.add("alerthook.slack.destinations[0].webhook-url", () -> SLACK.webhookUrl("db"));
        registry.add("alerthook.slack.destinations[1].name", () -> "warnings");
        registry.add("alerthook.slack.destinations[1].matchers", () -> "severity=\"warning\"");
        registry.add("alerthook.slack.destinations[1].channel", () -> "#alerts");
        registry.add("alerthook.slack.queue-size", () -> "4");
        registry.add("alerthook.healing.severities", () -> "");
    }

    @AfterAll
    static void stopSlack() {
        SLACK.close();
    }

    @Test
    void sendsAtMostOneMessageASecondPerWebhookEvenAcrossDestinations() {
        List<String> runs = IntStream.range(0, 4).mapToObj(i -> "rate-" + i).toList();
        post(runs.get(0), "critical");
        post(runs.get(1), "warning");
        post(runs.get(2), "critical");
        post(runs.get(3), "warning");

        await().atMost(PATIENCE).until(() -> SLACK.deliveredWith("rate-").size() == runs.size());
        List<Attempt> delivered = SLACK.deliveredWith("rate-");
        assertThat(delivered).extracting(Attempt::path).containsOnly(SlackStub.SECRET_PATH);
        for (int i = 1; i < delivered.size(); i++) {
            assertThat(Duration.between(delivered.get(i - 1).at(), delivered.get(i).at())).isGreaterThanOrEqualTo(ONE_SECOND);
        }
        assertThat(delivered).filteredOn(message -> message.payload().has("channel"))
                .extracting(message -> message.payload().get("channel").asText()).containsExactly("#alerts", "#alerts");
    }

    @Test
    void keepsASecondAfterSlackAnswersBeforeTheNextMessage() {
        // Slack answers the first message only after 2 s (it may have arrived late): the next arrives a second after that.
        SLACK.answerNext("`pace-0`", Answer.slowly(Duration.ofSeconds(2)));
        post("pace-0", "critical");
        await().atMost(PATIENCE).until(() -> !SLACK.attemptsWith("`pace-0`").isEmpty());
        post("pace-1", "critical");

        await().atMost(PATIENCE).until(() -> SLACK.deliveredWith("pace-").size() == 2);
        List<Attempt> delivered = SLACK.deliveredWith("pace-");
        assertThat(Duration.between(delivered.get(0).answeredAt(), delivered.get(1).at())).isGreaterThanOrEqualTo(ONE_SECOND);
    }

    @Test
    void routesByLabelAndADestinationThatWaitsHoldsUpOnlyItself() {
        // The db team's webhook asks for 3 s of quiet; the default webhook goes on meanwhile.
        SLACK.answerNext("`isolation-db`", Answer.rateLimited("3"));
        ObjectNode db = Fixtures.fresh(Fixtures.FIRING_SINGLE, "isolation-db");
        Fixtures.labels(db, 0).put("team", "db");
        assertThat(webhook().post(Fixtures.json(db)).statusCode()).isEqualTo(200);
        post("isolation-default", "critical");

        await().atMost(PATIENCE).until(() -> SLACK.deliveredWith("isolation-db").size() == 1);
        Attempt dbMessage = SLACK.deliveredWith("isolation-db").get(0);
        Attempt defaultMessage = SLACK.deliveredWith("isolation-default").get(0);
        assertThat(dbMessage.path()).isEqualTo(SlackStub.webhookPath("db"));
        assertThat(defaultMessage.path()).isEqualTo(SlackStub.SECRET_PATH);
        assertThat(defaultMessage.at()).isBefore(dbMessage.at());
        assertThat(Duration.between(SLACK.attemptsWith("isolation-db").get(0).at(), dbMessage.at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(db, 0), "alerts"))
                .extracting(event -> event.get("outcome").asText() + " to " + event.get("slackDestination").asText())
                .containsExactly("sent to db"));
    }

    @Test
    void answersWebhooksWhileSlackIsSlowAndDropsWhatItsFullQueueCannotHoldOnRecord() {
        // Slack takes 4 s over the first message: the outbox holds it and three more (queue-size 4), the rest are dropped.
        SLACK.answerNext("`slow-0`", Answer.slowly(Duration.ofSeconds(4)));
        List<ObjectNode> notifications = IntStream.range(0, 7)
                .mapToObj(i -> Fixtures.fresh(Fixtures.FIRING_SINGLE, "slow-" + i)).toList();
        Instant firstPosted = Instant.now();
        webhook().post(Fixtures.json(notifications.get(0)));
        await().atMost(PATIENCE).until(() -> !SLACK.attemptsWith("`slow-0`").isEmpty());
        notifications.subList(1, 7).forEach(notification ->
                assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200));
        Instant allAnswered = Instant.now();

        await().atMost(PATIENCE).until(() -> SLACK.deliveredWith("slow-").size() == 4);
        assertThat(SLACK.attemptsWith("`slow-0`").get(0).answeredAt()).isAfter(allAnswered);
        assertThat(Duration.between(firstPosted, allAnswered)).isLessThan(Duration.ofSeconds(4));
        // the six behind the slow one are six groups, dispatched side by side: which three find the outbox full is not fixed
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(notifications.stream()
                .map(notification -> AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts").get(0).get("outcome").asText()))
                .startsWith("sent").containsExactlyInAnyOrder("sent", "sent", "sent", "sent", "dropped", "dropped", "dropped"));
    }

    private void post(String run, String severity) {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, run);
        Fixtures.labels(notification, 0).put("severity", severity);
        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
    }

    private Webhook webhook() {
        return new Webhook(port, null);
    }

    private static java.nio.file.Path tempFile() {
        try {
            return Files.createTempDirectory("alerthook-slack").resolve("audit.jsonl");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
