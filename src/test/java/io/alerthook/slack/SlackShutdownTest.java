package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookApplication;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Answer;
import io.alerthook.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What becomes of Slack messages still waiting when alerthook stops. */
class SlackShutdownTest {

    @Test
    void recordsTheMessagesStillWaitingAsUndeliveredAndFinishesTheOneInFlight(@TempDir Path dir) {
        AuditFile audit = new AuditFile(dir.resolve("audit.jsonl"));
        List<ObjectNode> notifications = IntStream.range(0, 4)
                .mapToObj(i -> Fixtures.fresh(Fixtures.FIRING_SINGLE, "shutdown-" + i)).toList();
        try (SlackStub slack = new SlackStub()) {
            slack.answerNext("`shutdown-0`", Answer.slowly(Duration.ofSeconds(2)));
            try (ConfigurableApplicationContext alerthook = new SpringApplicationBuilder(AlerthookApplication.class).run(
                    "--server.port=0",
                    "--alerthook.audit.file=" + audit.path(),
                    "--alerthook.slack.dead-letter-file=" + dir.resolve("dead-letters.jsonl"),
                    "--alerthook.slack.webhook-url=" + slack.webhookUrl(),
                    "--alerthook.healing.severities=",
                    "--alerthook.routes.reload-directory=")) {
                Webhook webhook = new Webhook(alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class), null);
                notifications.forEach(notification ->
                        assertThat(webhook.post(Fixtures.json(notification)).statusCode()).isEqualTo(200));
                await().atMost(Duration.ofSeconds(10)).until(() -> !slack.attemptsWith("`shutdown-0`").isEmpty());
            }

            assertThat(notifications).extracting(notification ->
                    audit.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts").get(0).get("outcome").asText())
                    .containsExactly("sent", "undelivered", "undelivered", "undelivered");
            assertThat(slack.deliveredWith("shutdown-")).hasSize(1);
        }
    }
}
