package io.alerthook.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookApplication;
import io.alerthook.support.Fixtures;
import io.alerthook.support.PostgresCluster;
import io.alerthook.support.Webhook;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** alerthook with alerthook.store=postgres: what it records and answers comes from PostgreSQL, not the journal file. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class PostgresModeTest {

    private static final String URL = PostgresCluster.shared().createDatabase("postgres_mode");
    private static final Path FILES = tempDir();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresCluster.storeIn(registry, URL);
        registry.add("alerthook.audit.file", () -> FILES.resolve("audit.jsonl").toString());
    }

    @Test
    void recordsInPostgresAndAnswersTheAuditFromThere() throws Exception {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "postgres-mode");
        String fingerprint = Fixtures.fingerprint(notification, 0);
        Webhook webhook = new Webhook(port, null);

        assertThat(webhook.post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(webhook.post(Fixtures.json(notification)).body()).path("duplicate").asBoolean())
                .as("the same notification again, within the duplicate window").isTrue();

        JsonNode events = await().atMost(Duration.ofSeconds(20)).until(
                () -> MAPPER.readTree(webhook.get("/audit?fingerprint=" + fingerprint).body()).get("events"),
                found -> found.findValuesAsText("event").contains("slack") && found.findValuesAsText("event").contains("heal"));
        assertThat(events.findValuesAsText("outcome")).contains("duplicate", "disabled");
        JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(URL, PostgresCluster.USER, PostgresCluster.PASSWORD));
        assertThat(database.queryForObject("SELECT count(*) FROM audit_event WHERE fingerprint = ? AND event = 'received'",
                Integer.class, fingerprint)).isEqualTo(2);
        assertThat(database.queryForObject("SELECT count(*) FROM notification_key", Integer.class)).isEqualTo(1);
        assertThat(FILES.resolve("audit.jsonl")).as("the journal file is the file engine's").doesNotExist();
        assertThat(webhook.get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void anUnreachableDatabaseStopsTheStartNamingTheUrlNeverThePassword(@TempDir Path dir, CapturedOutput output) {
        String closed = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/alerthook";

        assertThatThrownBy(() -> new SpringApplicationBuilder(AlerthookApplication.class).run(
                "--server.port=0", "--alerthook.routes.reload-directory=", "--alerthook.store=postgres",
                "--spring.datasource.url=" + closed, "--spring.datasource.username=alerthook",
                "--spring.datasource.password=do-not-print-me", "--alerthook.audit.file=" + dir.resolve("audit.jsonl")))
                .hasStackTraceContaining("cannot prepare the PostgreSQL store at " + closed)
                .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain("do-not-print-me"));
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("cannot prepare the PostgreSQL store at " + closed + ": Connection refused")
                .doesNotContain("do-not-print-me");
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("alerthook-postgres-mode");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
