package io.alerthook.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /audit: what alerthook did about an alert, over HTTP with the webhook's credentials. */
class AuditQueryTest extends RunningAlerthook {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void answersWhatWasDoneAboutAnAlertNewestFirst() throws Exception {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "audit-query");
        String fingerprint = Fixtures.fingerprint(notification, 0);
        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        // settled: the alert's message, the heal run, and the heal report after it
        await().atMost(Duration.ofSeconds(20)).until(() -> AUDIT.slackEventsFor(fingerprint, "alerts").size() == 1
                && AUDIT.slackEventsFor(fingerprint, "heal-report").size() == 1);

        HttpResponse<String> response = webhook().getAuthorized("/audit?fingerprint=" + fingerprint);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().map().toString()).doesNotContain(TOKEN);
        JsonNode answer = MAPPER.readTree(response.body());
        assertThat(answer.get("complete").asBoolean()).isTrue();
        JsonNode events = answer.get("events");
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.get("fingerprint").asText()).isEqualTo(fingerprint));
        assertThat(events.get(events.size() - 1).get("event").asText()).as("oldest last").isEqualTo("received");
        assertThat(events).extracting(event -> event.get("event").asText()).contains("slack", "heal");
        assertThat(answer.get("count").asInt()).isEqualTo(events.size());

        JsonNode newest = MAPPER.readTree(webhook().getAuthorized("/audit?fingerprint=" + fingerprint + "&limit=1").body());
        assertThat(newest.get("events")).hasSize(1);
        assertThat(newest.get("events").get(0)).isEqualTo(events.get(0));

        String future = URLEncoder.encode(Instant.now().plusSeconds(3600).toString(), StandardCharsets.UTF_8);
        assertThat(MAPPER.readTree(webhook().getAuthorized("/audit?fingerprint=" + fingerprint + "&since=" + future).body())
                .get("events")).isEmpty();
        assertThat(MAPPER.readTree(webhook().getAuthorized("/audit?alertname=" + URLEncoder.encode("Application down", StandardCharsets.UTF_8)
                + "&since=10m&limit=1000").body()).get("events")).extracting(event -> event.get("fingerprint").asText()).contains(fingerprint);
    }

    @Test
    void asksForTheWebhooksCredentialsAndSaysWhatIsWrongWithAQuery() throws Exception {
        HttpResponse<String> anonymous = webhook().get("/audit?since=1h");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"alerthook\"");
        assertThat(MAPPER.readTree(anonymous.body()).get("error").asText()).startsWith("missing credentials");

        HttpResponse<String> tooMany = webhook().getAuthorized("/audit?limit=100000");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(tooMany.body()).get("error").asText()).isEqualTo("limit: must be a number from 1 to 1000, got 100000");

        HttpResponse<String> badSince = webhook().getAuthorized("/audit?since=yesterday");
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(badSince.body()).get("error").asText()).startsWith("since: must be an instant");

        HttpResponse<String> badOutcome = webhook().getAuthorized("/audit?event=slack&outcome=failled");
        assertThat(badOutcome.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(badOutcome.body()).get("error").asText()).isEqualTo("outcome: no records have outcome failled");
    }
}
