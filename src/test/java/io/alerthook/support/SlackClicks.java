package io.alerthook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Presses a button of a message the Slack app posted, as Slack does: a {@code block_actions} payload in a form, POSTed
 * to alerthook's interactivity URL, signed with the app's signing secret.
 */
public final class SlackClicks {

    /** The Slack app's signing secret the tests' alerthooks are given. */
    public static final String SIGNING_SECRET = "e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SlackClicks() {
    }

    /** The button {@code actionId} of the message, as Slack shows it. */
    public static JsonNode button(JsonNode message, String actionId) {
        for (JsonNode block : message.findValues("elements")) {
            for (JsonNode element : block) {
                if (actionId.equals(element.path("action_id").asText())) {
                    return element;
                }
            }
        }
        throw new AssertionError("no button " + actionId + " in " + message);
    }

    /** The form Slack POSTs when {@code user} presses the button. */
    public static String form(JsonNode button, String user, String responseUrl) {
        ObjectNode payload = MAPPER.createObjectNode().put("type", "block_actions").put("api_app_id", "A0ALERTHOOK")
                .put("trigger_id", "1.2.3").put("response_url", responseUrl);
        payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("name", user.toLowerCase()).put("team_id", "T0");
        payload.putObject("team").put("id", "T0").put("domain", "example");
        payload.putArray("actions").addObject().put("type", "button").put("block_id", "alerthook-actions")
                .put("action_id", button.path("action_id").asText()).put("value", button.path("value").asText())
                .put("action_ts", "1700000000.100000").set("text", button.path("text"));
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    /** POSTs the form to alerthook signed at {@code signedAt} with {@code secret}. */
    public static HttpResponse<String> post(int port, String form, String secret, Instant signedAt) {
        String timestamp = Long.toString(signedAt.getEpochSecond());
        return post(port, form, timestamp, new SlackSignature.Generator(secret).generate(timestamp, form));
    }

    /** POSTs the form with exactly these headers, as a replay or a forgery would. */
    public static HttpResponse<String> post(int port, String form, String timestamp, String signature) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/slack/interactions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
