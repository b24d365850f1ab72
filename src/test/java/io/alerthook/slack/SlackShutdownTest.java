package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookApplication;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.PostgresCluster;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Answer;
import io.alerthook.support.Webhook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What becomes of Slack messages still waiting when alerthook stops: the store keeps its outboxes, in either engine. */
class SlackShutdownTest {

    @ParameterizedTest
    @ValueSource(strings = {"file", "postgres"})
    void finishesTheMessageInFlightAndSendsTheOnesWaitingAfterTheRestart(String store, @TempDir Path dir) {
        AuditFile audit = new AuditFile(dir.resolve("audit.jsonl"));
        List<String> settings = new ArrayList<>(List.of("--server.port=0",
                "--alerthook.store=" + store,
                "--alerthook.audit.file=" + audit.path(),
                "--alerthook.slack.send-interval=10",
                "--alerthook.healing.severities=",
                "--alerthook.routes.reload-directory="));
        if (store.equals("postgres")) {
            settings.addAll(List.of("--spring.datasource.url=" + PostgresCluster.shared().createDatabase("slack_shutdown"),
                    "--spring.datasource.username=" + PostgresCluster.USER, "--spring.datasource.password=" + PostgresCluster.PASSWORD));
        }
        List<ObjectNode> notifications = IntStream.range(0, 4)
                .mapToObj(i -> Fixtures.fresh(Fixtures.FIRING_SINGLE, "shutdown-" + i)).toList();
        try (SlackStub slack = new SlackStub()) {
            settings.add("--alerthook.slack.webhook-url=" + slack.webhookUrl());
            slack.answerNext("`shutdown-0`", Answer.slowly(Duration.ofSeconds(2)));
            try (ConfigurableApplicationContext alerthook = start(settings)) {
                Webhook webhook = new Webhook(alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class), null);
                // the first one in flight (Slack answers it slowly) before the others come
                assertThat(webhook.post(Fixtures.json(notifications.get(0))).statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> !slack.attemptsWith("`shutdown-0`").isEmpty());
                notifications.subList(1, 4).forEach(notification ->
                        assertThat(webhook.post(Fixtures.json(notification)).statusCode()).isEqualTo(200));
            }
            assertThat(slack.deliveredWith("shutdown-")).as("the one in flight finished; the rest waited").hasSize(1);
            if (store.equals("file")) {
                assertThat(notifications).extracting(notification -> audit.eventsFor(Fixtures.fingerprint(notification, 0), "slack").stream()
                                .map(event -> event.get("outcome").asText()).toList())
                        .containsExactly(List.of("queued", "sent"), List.of("queued"), List.of("queued"), List.of("queued"));
            }

            try (ConfigurableApplicationContext restarted = start(settings)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> slack.deliveredWith("shutdown-").size() == 4);
            }
            // four groups, dispatched side by side: the order is kept within a group, not across groups
            List<String> received = slack.receivedWith("shutdown-");
            assertThat(received).as("each once, the one in flight at the stop first").hasSize(4).first().asString().contains("`shutdown-0`");
            assertThat(received.subList(1, 4)).satisfiesExactlyInAnyOrder(one -> assertThat(one).contains("`shutdown-1`"),
                    two -> assertThat(two).contains("`shutdown-2`"), three -> assertThat(three).contains("`shutdown-3`"));
        }
    }

    private static ConfigurableApplicationContext start(List<String> settings) {
        return new SpringApplicationBuilder(AlerthookApplication.class).run(settings.toArray(String[]::new));
    }
}
