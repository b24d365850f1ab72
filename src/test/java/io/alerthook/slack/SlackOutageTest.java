package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.SlackStub;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slack answers 503 for over a minute, longer than any fixed number of retries would have lasted, while three groups
 * are notified and one of them changes: nothing becomes a dead letter, and when Slack is back each group's latest state
 * arrives, a second apart. The older state of the changed group is coalesced away. (The groups are dispatched side by
 * side, so their order among them is not kept; within a group it is.)
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CamelSpringBootTest
class SlackOutageTest {

    private static final SlackStub SLACK = new SlackStub();
    private static final Path DIR = tempDir();
    private static final AuditFile AUDIT = new AuditFile(DIR.resolve("audit.jsonl"));
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    /** A second, less a margin for the clocks of two processes on one machine. */
    private static final Duration ONE_SECOND = Duration.ofMillis(950);

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void alerthookProperties(DynamicPropertyRegistry registry) {
        registry.add("alerthook.audit.file", () -> AUDIT.path().toString());
        registry.add("alerthook.slack.webhook-url", SLACK::webhookUrl);
        registry.add("alerthook.slack.retry.delay", () -> "200");
        registry.add("alerthook.slack.retry.max-delay", () -> "2000");
        registry.add("alerthook.healing.severities", () -> "");
    }

    @AfterAll
    static void stopTheStub() {
        SLACK.close();
    }

    @Test
    void deliversEveryGroupsLatestStateOnceSlackIsBack() {
        Webhook webhook = new Webhook(port, null);
        SLACK.outage(503);
        ObjectNode first = Fixtures.fresh(Fixtures.FIRING_SINGLE, "outage-a");
        ObjectNode second = Fixtures.fresh(Fixtures.FIRING_SINGLE, "outage-b");
        ObjectNode changed = first.deepCopy();
        changed.withArray("alerts").add(((ObjectNode) first.get("alerts").get(0)).deepCopy().put("fingerprint", "0utage0a00000002"));
        ObjectNode third = Fixtures.fresh(Fixtures.FIRING_SINGLE, "outage-c");

        assertThat(webhook.post(Fixtures.json(first)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.attemptsWith("outage-a").isEmpty());
        for (ObjectNode notification : List.of(second, changed, third)) {
            assertThat(webhook.post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        }
        // Slack stays away until alerthook has been trying for a minute.
        await().atMost(OUTAGE.multipliedBy(2)).until(() -> {
            List<Attempt> attempts = SLACK.attemptsWith("outage-");
            return Duration.between(attempts.get(0).at(), attempts.get(attempts.size() - 1).at()).compareTo(OUTAGE) >= 0;
        });
        SLACK.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> SLACK.deliveredWith("outage-").size() == 3);
        List<Attempt> delivered = SLACK.deliveredWith("outage-");
        assertThat(delivered).extracting(Attempt::text).satisfiesExactlyInAnyOrder(
                b -> assertThat(b).contains("outage-b"),
                a -> assertThat(a).contains("outage-a").contains("[FIRING:2]"),
                c -> assertThat(c).contains("outage-c"));
        for (int n = 1; n < delivered.size(); n++) {
            assertThat(Duration.between(delivered.get(n - 1).answeredAt(), delivered.get(n).at())).isGreaterThanOrEqualTo(ONE_SECOND);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(first, 0), "alerts")).extracting(event -> event.get("outcome").asText())
                    .containsExactly("coalesced", "sent");
            assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(third, 0), "alerts")).extracting(event -> event.get("outcome").asText())
                    .containsExactly("sent");
        });
        assertThat(AUDIT.events()).noneMatch(event -> event.path("outcome").asText().equals("failed"));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("alerthook-slack-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
