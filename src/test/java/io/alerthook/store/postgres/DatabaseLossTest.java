package io.alerthook.store.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.PostgresCluster;
import io.alerthook.support.Webhook;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped while notifications stream in, then started again: meanwhile they are answered 503 (Alertmanager
 * retries) and readiness is DOWN; afterwards both recover with no restart, and every notification answered 200 has
 * its received records committed.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CamelSpringBootTest
class DatabaseLossTest {

    private static final String URL = PostgresCluster.shared().createDatabase("database_loss");
    private static final Path FILES = tempDir();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresCluster.storeIn(registry, URL);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("alerthook.audit.file", () -> FILES.resolve("audit.jsonl").toString());
    }

    @Test
    void answers503AndGoesUnreadyWhileTheDatabaseIsGoneThenRecoversByItself() throws Exception {
        PostgresCluster database = PostgresCluster.shared();
        Webhook webhook = new Webhook(port, null);
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicBoolean streaming = new AtomicBoolean(true);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<?> stream = client.submit(() -> {
            for (int n = 0; streaming.get() && n < 100_000; n++) {
                ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "database-loss-" + n);
                answers.put(Fixtures.fingerprint(notification, 0), webhook.post(Fixtures.json(notification)).statusCode());
            }
        });
        try {
            await().atMost(PATIENCE).until(() -> answers.containsValue(200));

            database.stop();
            try {
                await().atMost(PATIENCE).until(() -> answers.containsValue(503));
                await().atMost(PATIENCE).until(() -> webhook.get("/actuator/health/readiness").statusCode() == 503);
            } finally {
                database.start();
            }

            await().atMost(PATIENCE).until(() -> webhook.get("/actuator/health/readiness").statusCode() == 200);
            int acceptedBefore = count(answers, 200);
            await().atMost(PATIENCE).until(() -> count(answers, 200) > acceptedBefore + 5);
        } finally {
            streaming.set(false);
            stream.get(60, TimeUnit.SECONDS);
            client.shutdown();
        }

        JdbcTemplate tables = new JdbcTemplate(new DriverManagerDataSource(URL, PostgresCluster.USER, PostgresCluster.PASSWORD));
        List<String> recorded = tables.queryForList("SELECT fingerprint FROM audit_event WHERE event = 'received' AND outcome IS NULL", String.class);
        List<String> acknowledged = answers.entrySet().stream().filter(answer -> answer.getValue() == 200).map(Map.Entry::getKey).toList();
        assertThat(answers.values()).as("each answer is 200 or 503").allMatch(status -> status == 200 || status == 503);
        assertThat(recorded).as("every acknowledged notification is committed").containsAll(acknowledged);
    }

    private static int count(Map<String, Integer> answers, int status) {
        return (int) answers.values().stream().filter(answer -> answer == status).count();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("alerthook-database-loss");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
