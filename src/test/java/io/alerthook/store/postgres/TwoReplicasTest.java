package io.alerthook.store.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookApplication;
import io.alerthook.audit.AuditTrail;
import io.alerthook.audit.Event;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.Store;
import io.alerthook.support.Fixtures;
import io.alerthook.support.Heartbeats;
import io.alerthook.support.PostgresCluster;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Attempt;
import io.alerthook.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two alerthooks on one PostgreSQL, one Slack webhook: whichever replica a notification reaches, one of them sends
 * for the webhook, so each message arrives once, at the webhook's pace; stopped, it hands the webhook over at once.
 * What a replica that died had acknowledged and not acted on is taken up by another.
 */
class TwoReplicasTest {

    private static final Duration SEND_INTERVAL = Duration.ofMillis(300);
    /** Longer than the test: a claim passes only when its holder gives it up. */
    private static final String LONG_LEASE = "--alerthook.lease.duration=60000";

    @Test
    void oneReplicaSendsForAWebhookAndHandsItOverWhenItStops(@TempDir Path dir) {
        String url = PostgresCluster.shared().createDatabase("two_replicas");
        try (SlackStub slack = new SlackStub();
             ConfigurableApplicationContext first = replica("replica-a", url, slack, dir, LONG_LEASE);
             ConfigurableApplicationContext second = replica("replica-b", url, slack, dir, LONG_LEASE)) {
            List<Webhook> replicas = List.of(webhook(first), webhook(second));
            for (int n = 0; n < 6; n++) {
                ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "replicas-" + n);
                assertThat(replicas.get(n % 2).post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.deliveredWith("replicas-").size() >= 6);
            List<Attempt> delivered = slack.deliveredWith("replicas-");
            assertThat(delivered).as("each message once").hasSize(6);
            for (int n = 1; n < delivered.size(); n++) {
                assertThat(Duration.between(delivered.get(n - 1).answeredAt(), delivered.get(n).at()))
                        .as("one webhook's pace, whichever replica took the notification").isGreaterThanOrEqualTo(SEND_INTERVAL.minusMillis(20));
            }

            ConfigurableApplicationContext sender = holdsTheWebhook(first, url) ? first : second;
            ConfigurableApplicationContext other = sender == first ? second : first;
            sender.close();
            ObjectNode after = Fixtures.fresh(Fixtures.FIRING_SINGLE, "replicas-after");
            assertThat(webhook(other).post(Fixtures.json(after)).statusCode()).isEqualTo(200);

            // well within the 60 s lease: the stopped replica gave its claim up
            await().atMost(Duration.ofSeconds(20)).until(() -> slack.deliveredWith("replicas-after").size() == 1);
        }
    }

    @Test
    void whatADeadReplicaAcknowledgedAndLeftUndoneIsTakenUpByAnother(@TempDir Path dir) throws Exception {
        String url = PostgresCluster.shared().createDatabase("takeover");
        Store dead = PostgresCluster.openStore(url, "replica-dead");
        dead.heartbeat(Duration.ofMillis(500), Heartbeats::interrupted);
        ObjectNode acknowledged = Fixtures.fresh(Fixtures.FIRING_SINGLE, "taken-over");
        assertThat(new AuditTrail(dead).accept(Fixtures.READER.read(Fixtures.json(acknowledged).getBytes(StandardCharsets.UTF_8))
                .withId(UUID.randomUUID().toString()))).isTrue();

        try (SlackStub slack = new SlackStub();
             ConfigurableApplicationContext alive = replica("replica-alive", url, slack, dir, "--alerthook.lease.duration=2000",
                     "--alerthook.lease.heartbeat=200")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.deliveredWith("`taken-over`").size() == 1);
            assertThat(alive.getBean(Store.class).search(new AuditSearch(null, Fixtures.fingerprint(acknowledged, 0), Event.RECOVERED, null, null,
                    10, System.nanoTime() + Duration.ofSeconds(10).toNanos())).events()).singleElement().satisfies(recovered -> {
                assertThat(recovered.get("outcome").asText()).isEqualTo("resumed");
                assertThat(recovered.get("replica").asText()).isEqualTo("replica-alive");
            });
        }
    }

    private static boolean holdsTheWebhook(ConfigurableApplicationContext replica, String url) {
        String id = replica.getEnvironment().getRequiredProperty("alerthook.replica-id");
        return new org.springframework.jdbc.core.JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                url, PostgresCluster.USER, PostgresCluster.PASSWORD))
                .queryForObject("SELECT count(*) FROM sender_claim WHERE replica = ?", Integer.class, id) == 1;
    }

    private static ConfigurableApplicationContext replica(String id, String url, SlackStub slack, Path dir, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--alerthook.replica-id=" + id,
                "--alerthook.store=postgres",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresCluster.USER,
                "--spring.datasource.password=" + PostgresCluster.PASSWORD,
                "--alerthook.audit.file=" + dir.resolve(id + ".jsonl"),
                "--alerthook.slack.webhook-url=" + slack.webhookUrl(),
                "--alerthook.slack.send-interval=" + SEND_INTERVAL.toMillis(),
                "--alerthook.healing.severities=",
                "--alerthook.routes.reload-directory="));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(AlerthookApplication.class).run(arguments.toArray(String[]::new));
    }

    private static Webhook webhook(ConfigurableApplicationContext replica) {
        return new Webhook(replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class), null);
    }
}
