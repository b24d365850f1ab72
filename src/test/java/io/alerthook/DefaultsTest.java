package io.alerthook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.Webhook;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A new user's first run: nothing configured but where the audit goes. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@CamelSpringBootTest
class DefaultsTest {

    private static final AuditFile AUDIT = new AuditFile(tempAuditFile());

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void onlyTheAuditFile(DynamicPropertyRegistry registry) {
        registry.add("alerthook.audit.file", () -> AUDIT.path().toString());
    }

    @Test
    void acceptsWithoutCredentialsAndRecordsThatSlackIsDisabled() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "defaults");
        byte[] body = Fixtures.json(notification).getBytes(StandardCharsets.UTF_8);

        assertThat(new Webhook(port, null).post(body, "application/json", null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts")).singleElement()
                        .satisfies(event -> assertThat(event.get("outcome").asText()).isEqualTo("disabled")));
    }

    @Test
    void servesHealthAndPrometheusMetrics() {
        Webhook webhook = new Webhook(port, null);

        assertThat(webhook.get("/actuator/health").body()).contains("\"status\":\"UP\"");
        // per route, as the Grafana dashboard sums them: no nameless whole-context series beside the routes
        assertThat(webhook.get("/actuator/prometheus").body().lines().filter(line -> line.startsWith("camel_exchanges_total{")))
                .isNotEmpty()
                .allMatch(line -> line.contains("routeId=\"") && !line.contains("routeId=\"\""));
        assertThat(webhook.get("/actuator/env").statusCode()).isEqualTo(404);
    }

    private static Path tempAuditFile() {
        try {
            return Files.createTempDirectory("alerthook-defaults").resolve("audit.jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
