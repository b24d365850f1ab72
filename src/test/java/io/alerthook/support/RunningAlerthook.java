package io.alerthook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.alert.NotificationReader;
import io.alerthook.store.Store;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/**
 * The whole application on a random port, with the shipped routes plus the test playbooks, its audit in a
 * temporary file, and Slack pointed at a loopback stub (its webhooks, and its Web API for alerts labelled
 * {@code slack="app"}). Every route test shares this one running instance; a test with a context of its own closes it
 * after its class ({@code @DirtiesContext}), so that the contexts left to close when the test JVM exits are few.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // serve /actuator/prometheus as in production
@CamelSpringBootTest
public abstract class RunningAlerthook {

    protected static final String TOKEN = "s3cret-token";
    protected static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    protected static final SlackStub SLACK = new SlackStub();
    protected static final String REPLICA = "replica-1";
    protected static final String APP_CHANNEL = "#incidents";
    protected static final AuditFile AUDIT = new AuditFile(tempDir().resolve("audit.jsonl"));

    @LocalServerPort
    private int port;

    @Autowired
    private Store store;

    @Autowired
    private NotificationReader reader;

    @DynamicPropertySource
    static void alerthookProperties(DynamicPropertyRegistry registry) {
        registry.add("alerthook.replica-id", () -> REPLICA);
        registry.add("alerthook.auth.bearer-token", () -> TOKEN);
        registry.add("alerthook.audit.file", () -> AUDIT.path().toString());
        registry.add("alerthook.intake.request-timeout", () -> REQUEST_TIMEOUT.toMillis() + "ms");
        registry.add("alerthook.slack.webhook-url", SLACK::webhookUrl);
        registry.add("alerthook.slack.severities", () -> "critical,warning");
        registry.add("alerthook.slack.retry.delay", () -> "20");
        registry.add("alerthook.slack.retry.max-delay", () -> "100");
        registry.add("alerthook.slack.max-age", () -> "1s");
        // Shared by every route test: the 1/s rate itself is tested in its own context (SlackDeliveryTest).
        registry.add("alerthook.slack.send-interval", () -> "10");
        // Alerts labelled slack="app" go to the Slack app, one thread per incident (SlackAppRouteTest).
        registry.add("alerthook.slack.bot-token", () -> SlackStub.BOT_TOKEN);
        registry.add("alerthook.slack.api-url", SLACK::apiUrl);
        registry.add("alerthook.slack.update-interval", () -> "10");
        registry.add("alerthook.slack.destinations[0].name", () -> "app");
        registry.add("alerthook.slack.destinations[0].matchers", () -> "slack=\"app\"");
        registry.add("alerthook.slack.destinations[0].channel", () -> APP_CHANNEL);
        registry.add("alerthook.slack.signing-secret", () -> SlackClicks.SIGNING_SECRET);
        registry.add("alerthook.slack.allowed-users", () -> "U0ALICE,bob");
        registry.add("camel.main.routes-include-pattern",
                () -> "file:routes/*.camel.yaml,classpath:test-playbooks.camel.yaml");
    }

    /**
     * As when Alertmanager repeats an unchanged group after its repeat_interval: the same notification again, but
     * outside the duplicate window, so it is acted on.
     */
    protected void letTheDuplicateWindowPass(ObjectNode notification) {
        store.forgetNotification(reader.read(Fixtures.json(notification).getBytes(StandardCharsets.UTF_8)).duplicateKey());
    }

    /** The seed alert under another name, for the Slack app's destination (alerts labelled {@code slack="app"}). */
    protected static ObjectNode appAlert(String run, String alertname) {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, run);
        ObjectNode labels = Fixtures.labels(notification, 0).put("alertname", alertname).put("slack", "app");
        ((ObjectNode) notification.get("commonLabels")).setAll(labels);
        ((ObjectNode) notification.get("groupLabels")).put("alertname", alertname);
        return notification;
    }

    /**
     * Posts the notification and waits for the Slack app's first message of its incident, the thread's parent, and for
     * alerthook to keep the incident: it does once Slack's answer is recorded, a moment after Slack has the message,
     * and a button pressed before that is answered "alerthook keeps no incident for this message".
     */
    protected SlackStub.Attempt postParent(ObjectNode notification, String run) {
        if (webhook().post(Fixtures.json(notification)).statusCode() != 200) {
            throw new AssertionError("the notification of " + run + " was not accepted");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> parentOf(run) != null);
        await().atMost(Duration.ofSeconds(15)).until(() -> AUDIT.slackEventsFor(Fixtures.fingerprint(notification, 0), "alerts")
                .stream().anyMatch(event -> event.path("outcome").asText().equals("sent")));
        return parentOf(run);
    }

    /** The incident's first message: its alerts, in an attachment (an approval's note may come before it, alone). */
    private static SlackStub.Attempt parentOf(String run) {
        return SLACK.postedWith(run).stream().filter(message -> message.argument("thread_ts") == null && message.payload().has("attachments"))
                .findFirst().orElse(null);
    }

    /** {@code user} presses the button of the Slack app's message, signed by Slack just now. */
    protected HttpResponse<String> press(JsonNode message, String actionId, String user) {
        return SlackClicks.post(port, SlackClicks.form(SlackClicks.button(message, actionId), user, SLACK.responseUrl(user)),
                SlackClicks.SIGNING_SECRET, Instant.now());
    }

    protected int port() {
        return port;
    }

    protected Webhook webhook() {
        return new Webhook(port, TOKEN);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("alerthook-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
