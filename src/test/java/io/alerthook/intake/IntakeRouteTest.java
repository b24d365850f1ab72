package io.alerthook.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IntakeRouteTest extends RunningAlerthook {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void acceptsANotificationOnlyOnceEveryAlertIsInTheAudit() throws Exception {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_TRUNCATED, "intake-accept");

        HttpResponse<String> response = webhook().post(Fixtures.json(notification));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode reply = MAPPER.readTree(response.body());
        assertThat(reply.get("status").asText()).isEqualTo("accepted");
        assertThat(reply.get("alerts").asInt()).isEqualTo(5);
        // No waiting: the "received" records are on disk before the answer.
        for (int i = 0; i < 5; i++) {
            assertThat(AUDIT.eventsFor(Fixtures.fingerprint(notification, i), "received")).hasSize(1);
        }
    }

    @Test
    void doesNotEchoCredentialsBack() {
        HttpResponse<String> response = webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-echo")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().toString()).doesNotContain(TOKEN);
    }

    static Stream<Arguments> badRequests() {
        String valid = Fixtures.text(Fixtures.FIRING_SINGLE);
        String bearer = "Bearer " + TOKEN;
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        return Stream.of(
                arguments("no credentials", valid, "application/json", null, 401, "missing credentials"),
                arguments("wrong token", valid, "application/json", "Bearer nope", 401, "wrong credentials"),
                arguments("token of another scheme", valid, "application/json", "Basic " + TOKEN, 401, "the Basic scheme is not accepted here"),
                arguments("not JSON media type", valid, "text/plain", bearer, 415, "Content-Type must be application/json"),
                arguments("no media type", valid, null, bearer, 415, "Content-Type must be application/json"),
                arguments("broken JSON", "{\"receiver\": ", "application/json", bearer, 400, "body is not valid JSON"),
                arguments("empty body", "", "application/json", bearer, 400, "body must be a JSON object"),
                arguments("a JSON list", "[]", "application/json", bearer, 400, "body must be a JSON object"),
                arguments("no alerts", valid.replaceFirst("(?s)\"alerts\": \\[.*?\\n  \\]", "\"alerts\": []"),
                        "application/json", bearer, 400, "alerts: must be a non-empty list"),
                arguments("unknown status", valid.replace("\"status\": \"firing\",\n      \"labels\"", "\"status\": \"pending\",\n      \"labels\""),
                        "application/json", bearer, 400, "alerts[0].status: must be \\\"firing\\\" or \\\"resolved\\\""),
                arguments("label that is not a string", valid.replace("\"severity\": \"critical\"", "\"severity\": 5"),
                        "application/json", bearer, 400, "alerts[0].labels.severity: must be a string"),
                arguments("other payload version", valid.replace("\"version\": \"4\"", "\"version\": \"3\""),
                        "application/json", bearer, 400, "version: must be \\\"4\\\""),
                arguments("body over the size limit", new String(tooLarge, StandardCharsets.US_ASCII), "application/json", bearer,
                        413, "body is larger than 1048576 bytes"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("badRequests")
    void answersABadRequestWithItsStatusAndWhatIsWrongThenKeepsServing(
            String name, String body, String contentType, String authorization, int status, String error) {
        HttpResponse<String> response = webhook().post(body.getBytes(StandardCharsets.UTF_8), contentType, authorization);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"status\":\"rejected\"").contains(error);
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"alerthook\"");
        }
        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-after"))).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectedRequestsLeaveNoTraceInTheAudit() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-unauthorized");

        HttpResponse<String> response = webhook().post(Fixtures.json(notification).getBytes(StandardCharsets.UTF_8),
                "application/json", "Bearer nope");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AUDIT.eventsFor(Fixtures.fingerprint(notification, 0))).isEmpty();
    }

    @Test
    void onlyPostIsAllowed() {
        assertThat(webhook().get("/hooks/alertmanager").statusCode()).isEqualTo(405);
    }
}
