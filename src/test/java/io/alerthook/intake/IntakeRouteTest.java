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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
    void actsOnceOnTheSameNotificationFromAnHaPairAndItsRetries() throws Exception {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-duplicate");
        String fingerprint = Fixtures.fingerprint(notification, 0);

        // Both Alertmanagers of an HA pair at once, then a retry of one of them.
        List<CompletableFuture<HttpResponse<String>>> pair = List.of(
                CompletableFuture.supplyAsync(() -> webhook().post(Fixtures.json(notification))),
                CompletableFuture.supplyAsync(() -> webhook().post(Fixtures.json(notification))));
        List<JsonNode> replies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : pair) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
            replies.add(MAPPER.readTree(answer.get().body()));
        }
        HttpResponse<String> retry = webhook().post(Fixtures.json(notification));
        assertThat(retry.statusCode()).isEqualTo(200);
        replies.add(MAPPER.readTree(retry.body()));

        assertThat(replies).extracting(reply -> reply.path("duplicate").asBoolean()).containsExactlyInAnyOrder(false, true, true);
        assertThat(AUDIT.eventsFor(fingerprint, "received")).extracting(event -> event.path("outcome").asText())
                .containsExactlyInAnyOrder("", "duplicate", "duplicate");
        // One Slack message and one heal run, whose report comes after the message: by then any second one would be on record.
        await().atMost(Duration.ofSeconds(20)).until(() -> SLACK.receivedWith("intake-duplicate").size() == 2);
        assertThat(AUDIT.slackEventsFor(fingerprint, "alerts")).singleElement()
                .satisfies(event -> assertThat(event.get("outcome").asText()).isEqualTo("sent"));
        assertThat(AUDIT.eventsFor(fingerprint, "heal")).filteredOn(event -> !event.get("outcome").asText().equals("started")).hasSize(1);

        // Alertmanager's repeat after its repeat_interval is outside the window: acted on again.
        letTheDuplicateWindowPass(notification);
        HttpResponse<String> repeat = webhook().post(Fixtures.json(notification));
        assertThat(MAPPER.readTree(repeat.body()).has("duplicate")).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> AUDIT.slackEventsFor(fingerprint, "alerts").size() == 2);
    }

    @Test
    void doesNotEchoCredentialsBack() {
        HttpResponse<String> response = webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-echo")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().toString()).doesNotContain(TOKEN);
    }

    /** A request as an attacker or a misconfigured Alertmanager might send it, and what alerthook must answer. */
    record BadRequest(String method, String path, byte[] body, boolean chunked, String contentType, String authorization) {

        static BadRequest post(String body) {
            return post(body.getBytes(StandardCharsets.UTF_8));
        }

        static BadRequest post(byte[] body) {
            return new BadRequest("POST", "/hooks/alertmanager", body, false, "application/json", "Bearer " + TOKEN);
        }

        BadRequest as(String contentType) {
            return new BadRequest(method, path, body, chunked, contentType, authorization);
        }

        BadRequest by(String authorization) {
            return new BadRequest(method, path, body, chunked, contentType, authorization);
        }

        BadRequest to(String method, String path) {
            return new BadRequest(method, path, body, chunked, contentType, authorization);
        }

        BadRequest sentChunked() {
            return new BadRequest(method, path, body, true, contentType, authorization);
        }

        HttpRequest.BodyPublisher publisher() {
            return chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
        }
    }

    private static final String VALID = Fixtures.text(Fixtures.FIRING_SINGLE);

    private static String alerts(String alerts) {
        return VALID.replaceFirst("(?s)\"alerts\": \\[.*?\\n  \\]", Matcher.quoteReplacement("\"alerts\": " + alerts));
    }

    private static String firstAlert(String field, String value) {
        return VALID.replaceFirst("\"" + field + "\": [^\\n]*?(,?)\\n", Matcher.quoteReplacement("\"" + field + "\": " + value) + "$1\n");
    }

    private static byte[] withBytes(String text, String marker, byte... bytes) {
        String[] parts = text.split(Pattern.quote(marker), 2);
        byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
        byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + bytes.length + tail.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        System.arraycopy(tail, 0, all, head.length + bytes.length, tail.length);
        return all;
    }

    static Stream<Arguments> badRequests() {
        String oneAlert = VALID.substring(VALID.indexOf("    {"), VALID.indexOf("\n  ]"));
        String manyAlerts = alerts("[" + String.join(",", java.util.Collections.nCopies(1001, oneAlert)) + "]");
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        String deep = "[".repeat(17) + "]".repeat(17);
        BadRequest valid = BadRequest.post(VALID);
        return Stream.of(
                // malformed JSON of every kind
                arguments("cut short", BadRequest.post("{\"receiver\": "), 400, "body is not valid JSON"),
                arguments("trailing comma", BadRequest.post(VALID.replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": 0,")), 400, "body is not valid JSON"),
                arguments("single quotes", BadRequest.post("{'version': '4'}"), 400, "body is not valid JSON"),
                arguments("comment", BadRequest.post("/* hi */" + VALID), 400, "body is not valid JSON"),
                arguments("NaN", BadRequest.post(VALID.replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": NaN")), 400, "body is not valid JSON"),
                arguments("raw newline in a string", BadRequest.post(VALID.replace("App is down", "App\nis down")), 400, "body is not valid JSON"),
                arguments("junk after the object", BadRequest.post(VALID + " {}"), 400, "body is not valid JSON"),
                arguments("two objects", BadRequest.post(VALID + VALID), 400, "body is not valid JSON"),
                arguments("a name given twice", BadRequest.post(VALID.replace("\"version\": \"4\",", "\"version\": \"4\", \"version\": \"3\",")), 400, "Duplicate field 'version'"),
                arguments("empty body", BadRequest.post(""), 400, "body must be a JSON object"),
                arguments("only whitespace", BadRequest.post(" \n\t "), 400, "body must be a JSON object"),
                arguments("null", BadRequest.post("null"), 400, "body must be a JSON object"),
                arguments("a number", BadRequest.post("4"), 400, "body must be a JSON object"),
                arguments("a string", BadRequest.post("\"alerts\""), 400, "body must be a JSON object"),
                arguments("a list", BadRequest.post("[]"), 400, "body must be a JSON object"),
                // valid JSON of the wrong shape or types
                arguments("no version", BadRequest.post(VALID.replace("\"version\": \"4\",", "")), 400, "version: must be \\\"4\\\""),
                arguments("version as a number", BadRequest.post(VALID.replace("\"version\": \"4\"", "\"version\": 4")), 400, "got number"),
                arguments("other payload version", BadRequest.post(VALID.replace("\"version\": \"4\"", "\"version\": \"3\"")), 400, "version: must be \\\"4\\\""),
                arguments("no alerts", BadRequest.post(alerts("[]")), 400, "alerts: must be a non-empty list"),
                arguments("alerts as an object", BadRequest.post(alerts("{}")), 400, "alerts: must be a non-empty list, got object"),
                arguments("alert that is a number", BadRequest.post(alerts("[1]")), 400, "alerts[0]: must be an object, got number"),
                arguments("unknown alert status", BadRequest.post(VALID.replace("\"status\": \"firing\",\n      \"labels\"", "\"status\": \"pending\",\n      \"labels\"")),
                        400, "alerts[0].status: must be \\\"firing\\\" or \\\"resolved\\\""),
                arguments("label that is a number", BadRequest.post(VALID.replace("\"severity\": \"critical\"", "\"severity\": 5")), 400, "alerts[0].labels.severity: must be a string"),
                arguments("label that is null", BadRequest.post(VALID.replace("\"severity\": \"critical\"", "\"severity\": null")), 400, "alerts[0].labels.severity: must be a string"),
                arguments("labels as a list", BadRequest.post(firstAlert("labels", "[]").replaceFirst("(?s)\\[\\]\\s*\"alertname.*?\\},", "[],")), 400, "alerts[0].labels: must be an object"),
                arguments("no fingerprint", BadRequest.post(VALID.replace("\"fingerprint\": \"9977655340ded8b2\"", "\"fingerprintx\": \"\"")), 400, "alerts[0].fingerprint: must be a non-empty string"),
                arguments("startsAt as a number", BadRequest.post(VALID.replace("\"startsAt\": \"2026-11-21T05:31:11.554389437Z\"", "\"startsAt\": 1")), 400, "alerts[0].startsAt: must be a string"),
                arguments("negative truncatedAlerts", BadRequest.post(VALID.replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": -1")), 400, "truncatedAlerts: must be a non-negative integer"),
                arguments("groupLabels as a list", BadRequest.post(VALID.replaceFirst("(?s)\"groupLabels\": \\{.*?\\}", "\"groupLabels\": []")), 400, "groupLabels: must be an object"),
                // hostile sizes and nesting
                arguments("body over the size limit", BadRequest.post(tooLarge), 413, "body is larger than 1048576 bytes"),
                arguments("chunked body over the size limit", BadRequest.post(tooLarge).sentChunked(), 413, "body is larger than 1048576 bytes"),
                arguments("1001 alerts", BadRequest.post(manyAlerts), 413, "alerts: 1001 alerts, more than the 1000 accepted"),
                arguments("a 70000-character label", BadRequest.post(VALID.replace("web-app:8000\",\n        \"job\"", "x".repeat(70000) + "\",\n        \"job\"")),
                        413, "longer than 65536 characters"),
                arguments("a 70000-character name", BadRequest.post(VALID.replace("\"job\":", "\"" + "x".repeat(70000) + "\":")), 413, "longer than 65536 characters"),
                arguments("nested 17 deep", BadRequest.post(VALID.replace("\"truncatedAlerts\": 0", "\"extra\": " + deep)), 400, "nested deeper than 16 levels"),
                arguments("a megabyte of brackets", BadRequest.post("[".repeat(1024 * 1000)), 400, "nested deeper than 16 levels"),
                // broken encodings
                arguments("invalid UTF-8", BadRequest.post(withBytes(VALID, "web-app:8000", (byte) 0xC3, (byte) 0x28)), 400, "body is not valid UTF-8"),
                arguments("Latin-1 text", BadRequest.post(withBytes(VALID, "web-app:8000", (byte) 'c', (byte) 0xE9)), 400, "body is not valid UTF-8"),
                arguments("overlong UTF-8", BadRequest.post(withBytes(VALID, "web-app:8000", (byte) 0xC0, (byte) 0xAF)), 400, "body is not valid UTF-8"),
                arguments("UTF-16", BadRequest.post(VALID.getBytes(StandardCharsets.UTF_16)).as("application/json; charset=utf-16"), 415, "JSON must be UTF-8"),
                arguments("UTF-16 sent as UTF-8", BadRequest.post(VALID.getBytes(StandardCharsets.UTF_16)), 400, "body is not valid UTF-8"),
                // wrong content types
                arguments("text/plain", valid.as("text/plain"), 415, "Content-Type must be application/json"),
                arguments("no Content-Type", valid.as(null), 415, "Content-Type must be application/json, got none"),
                arguments("form", valid.as("application/x-www-form-urlencoded"), 415, "Content-Type must be application/json"),
                arguments("application/jsonp", valid.as("application/jsonp"), 415, "Content-Type must be application/json"),
                arguments("Latin-1 charset", valid.as("application/json; charset=ISO-8859-1"), 415, "JSON must be UTF-8"),
                // missing, wrong or mismatched credentials
                arguments("no credentials", valid.by(null), 401, "missing credentials"),
                arguments("empty Authorization", valid.by(""), 401, "missing credentials"),
                arguments("wrong token", valid.by("Bearer nope"), 401, "wrong credentials"),
                arguments("empty token", valid.by("Bearer"), 401, "wrong credentials"),
                arguments("token with more after it", valid.by("Bearer " + TOKEN + "x"), 401, "wrong credentials"),
                arguments("token as Basic credentials", valid.by("Basic " + TOKEN), 401, "the Basic scheme is not accepted here"),
                arguments("token without a scheme", valid.by(TOKEN), 401, "is not accepted here: send Authorization: Bearer <token>"),
                // wrong methods and paths
                arguments("GET", valid.to("GET", "/hooks/alertmanager"), 405, "Method Not Allowed"),
                arguments("PUT", valid.to("PUT", "/hooks/alertmanager"), 405, "Method Not Allowed"),
                arguments("DELETE", valid.to("DELETE", "/hooks/alertmanager"), 405, "Method Not Allowed"),
                arguments("another path", valid.to("POST", "/hooks/alertmanagers"), 404, "Not Found"),
                arguments("a path below", valid.to("POST", "/hooks/alertmanager/x"), 404, "Not Found"),
                arguments("path in another case", valid.to("POST", "/hooks/Alertmanager"), 404, "Not Found"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badRequests")
    void answersABadRequestWithItsStatusAndAJsonErrorThenKeepsServing(String name, BadRequest request, int status, String error) throws Exception {
        HttpResponse<String> response = webhook().send(request.method(), request.path(), request.publisher(),
                request.contentType(), request.authorization());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode reply = MAPPER.readTree(response.body());
        assertThat(reply.get("error").asText()).isNotBlank();
        assertThat(response.body()).contains(error);
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"alerthook\"");
        }
        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-after"))).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABodyDeclaredTooLargeBeforeItIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /hooks/alertmanager HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 1073741824\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            String answer = answer(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413").contains("body is larger than 1048576 bytes");
        }
    }

    @Test
    void cutsOffABodyThatTricklesInPastTheRequestTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hooks/alertmanager HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            // A slow client: one byte every 200 ms, each well within the server's read timeout, until alerthook answers.
            await().atMost(REQUEST_TIMEOUT.multipliedBy(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
                out.write(' ');
                out.flush();
                return in.available() > 0;
            });

            String answer = answer(in);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("the body was not received within 2000 ms");
        }
        assertThat(webhook().post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-after-slow"))).statusCode()).isEqualTo(200);
    }

    /** The status line, headers and JSON body of an answer, without waiting for the server to close the connection. */
    private static String answer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        int read;
        while ((read = in.read()) != -1) {
            answer.append((char) read);
            if (answer.indexOf("\r\n\r\n") > 0 && read == '}') {
                break;
            }
        }
        return answer.toString();
    }

    @Test
    void rejectedRequestsLeaveNoTraceInTheAudit() {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "intake-unauthorized");

        HttpResponse<String> response = webhook().post(Fixtures.json(notification).getBytes(StandardCharsets.UTF_8),
                "application/json", "Bearer nope");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AUDIT.eventsFor(Fixtures.fingerprint(notification, 0))).isEmpty();
    }

}
