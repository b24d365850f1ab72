package io.alerthook.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookApplication;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.Webhook;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dispatch full ({@code alerthook.intake.max-waiting-alerts}): a notification waits for room, at most
 * {@code alerthook.intake.dispatch-wait}, and is answered 503 only when none comes. Dispatch is held by stopping its routes.
 */
class IntakeWaitsForDispatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] DISPATCH = {"dispatch-0", "dispatch-1"};

    @Test
    void aNotificationThatFindsDispatchFullWaitsForRoomAndIsAnswered503OnlyWhenNoneComesInTime(@TempDir Path dir) throws Exception {
        AuditFile audit = new AuditFile(dir.resolve("audit.jsonl"));
        try (ConfigurableApplicationContext alerthook = new SpringApplicationBuilder(AlerthookApplication.class).run(
                "--server.port=0",
                "--alerthook.audit.file=" + audit.path(),
                "--alerthook.healing.severities=",
                "--alerthook.routes.reload-directory=",
                "--alerthook.intake.max-alerts=2",
                "--alerthook.intake.max-waiting-alerts=2",
                "--alerthook.intake.dispatch-wait=5s")) {
            Webhook webhook = new Webhook(alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class), null);
            CamelContext camel = alerthook.getBean(CamelContext.class);
            for (String route : DISPATCH) {
                camel.getRouteController().stopRoute(route);
            }
            for (String run : new String[] {"dispatch-full-1", "dispatch-full-2"}) {
                assertThat(webhook.post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, run))).statusCode()).isEqualTo(200);
            }

            // No room within the wait: 503, saying which bounds.
            HttpResponse<String> refused = webhook.post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "dispatch-full-refused")));
            assertThat(refused.statusCode()).isEqualTo(503);
            JsonNode reply = MAPPER.readTree(refused.body());
            assertThat(reply.get("status").asText()).isEqualTo("unavailable");
            assertThat(reply.get("error").asText()).isEqualTo("dispatch is full: 2 alerts wait to be dispatched, at most 2 may"
                    + " (alerthook.intake.max-waiting-alerts), and no room came within 5000 ms (alerthook.intake.dispatch-wait)");

            // Room within the wait: taken in, answered 200, dispatched.
            ObjectNode patient = Fixtures.fresh(Fixtures.FIRING_SINGLE, "dispatch-full-patient");
            CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> webhook.post(Fixtures.json(patient)));
            // its "received" record is written before it asks dispatch for room
            await().atMost(Duration.ofSeconds(10)).until(() -> !audit.eventsFor(Fixtures.fingerprint(patient, 0), "received").isEmpty());
            for (String route : DISPATCH) {
                camel.getRouteController().startRoute(route);
            }
            assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> !audit.slackEventsFor(Fixtures.fingerprint(patient, 0), "alerts").isEmpty());
        }
    }
}
