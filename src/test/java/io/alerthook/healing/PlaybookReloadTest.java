package io.alerthook.healing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.Webhook;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

/** Editing the playbooks of a running alerthook (in a copy of routes/, in the compact form): new playbooks apply, bad edits do not. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class PlaybookReloadTest {

    private static final Path ROUTES = copyOfShippedRoutes();
    private static final AuditFile AUDIT = new AuditFile(ROUTES.resolveSibling(ROUTES.getFileName() + "-audit.jsonl"));
    private static final String ECHO_PLAYBOOK = """

            - templatedRoute:
                routeTemplateRef: playbook
                routeId: playbook-echo
                parameters:
                  - {name: name, value: echo}
                  - {name: alertname, value: EchoProbe}
                  - {name: command, value: /bin/echo}
                  - {name: args, value: "hello ${labels.instance}"}
            """;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void routesInATemporaryDirectory(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> "file:" + ROUTES + "/*.camel.yaml");
        registry.add("alerthook.routes.reload-directory", ROUTES::toString);
        registry.add("alerthook.audit.file", () -> AUDIT.path().toString());
        // The same notification is posted again and again, each time to be acted on.
        registry.add("alerthook.intake.duplicate-window", () -> "1ms");
    }

    @Test
    void appliesAnEditedPlaybookKeepsGuardStateAndRefusesABadEdit(CapturedOutput output) throws IOException {
        ObjectNode echo = Fixtures.fresh(Fixtures.FIRING_SINGLE, "reload");
        Fixtures.labels(echo, 0).put("alertname", "EchoProbe");
        String fingerprint = Fixtures.fingerprint(echo, 0);

        append(ECHO_PLAYBOOK);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(new Webhook(port, null).post(Fixtures.json(echo)).statusCode()).isEqualTo(200);
            assertThat(healOutcomes(fingerprint)).contains("succeeded");
        });

        // A misspelt parameter: the edit is refused, and the playbooks loaded before keep running...
        append(ECHO_PLAYBOOK.replace("echo", "echo-again").replace("- {name: args", "- {name: colldown, value: 1m}\n      - {name: args"));
        await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains("Playbooks under " + ROUTES + " NOT reloaded, the running ones stay: file:"
                + ROUTES + "/playbooks.camel.yaml: playbook \"echo-again\": unknown parameter colldown"));
        int before = AUDIT.eventsFor(fingerprint, "heal").size();
        assertThat(new Webhook(port, null).post(Fixtures.json(echo)).statusCode()).isEqualTo(200);

        // ...with the guard's state: the echo playbook is still there, and still cooling down for the alert.
        JsonNode skipped = await().atMost(Duration.ofSeconds(10)).until(() -> AUDIT.eventsFor(fingerprint, "heal").stream()
                .skip(before).findFirst().orElse(null), event -> event != null);
        assertThat(skipped.get("outcome").asText()).isEqualTo("skipped");
        assertThat(skipped.get("playbook").asText()).isEqualTo("echo");
        assertThat(skipped.get("reason").asText()).contains("(cooldown 5m)");
    }

    private static List<String> healOutcomes(String fingerprint) {
        return AUDIT.eventsFor(fingerprint, "heal").stream().map(event -> event.get("outcome").asText()).toList();
    }

    private static void append(String yaml) throws IOException {
        Path playbooks = ROUTES.resolve("playbooks.camel.yaml");
        Files.writeString(playbooks, Files.readString(playbooks) + yaml);
    }

    private static Path copyOfShippedRoutes() {
        try {
            Path copy = Files.createTempDirectory("alerthook-routes");
            try (var files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
