package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookProperties;
import io.alerthook.alert.AlertGroup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates silences in Alertmanager through its API v2 ({@code POST /api/v2/silences}), for Slack's Silence buttons. It
 * asks {@code alerthook.alertmanager.url}, or, if that is not set, the Alertmanager that sent the incident
 * ({@code externalURL}). Alertmanager has no Java client: one JSON POST is all it takes.
 */
public final class AlertmanagerSilences {

    /** Alertmanager did not take the silence; the message says why, without credentials. */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    private static final int ERROR_BODY_CHARS = 200;

    private final AlerthookProperties.Alertmanager settings;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final HttpClient http;

    public AlertmanagerSilences(AlerthookProperties.Alertmanager settings, ObjectMapper mapper, Duration timeout) {
        this.settings = settings;
        this.mapper = mapper;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Silences the group's alerts, matched by its group labels (its common labels if it has none), from {@code now} for
     * {@code duration}; returns the silence's ID.
     */
    public String silence(AlertGroup group, Instant now, Duration duration, String createdBy, String comment) throws RefusedException {
        String base = settings.url().isBlank() ? group.externalURL() : settings.url();
        if (base == null || base.isBlank()) {
            throw new RefusedException("no Alertmanager to ask: set alerthook.alertmanager.url");
        }
        Map<String, String> labels = new TreeMap<>(group.groupLabels().isEmpty() ? group.commonLabels() : group.groupLabels());
        if (labels.isEmpty()) {
            throw new RefusedException("the group has no labels to silence it by");
        }
        ObjectNode silence = mapper.createObjectNode();
        ArrayNode matchers = silence.putArray("matchers");
        labels.forEach((name, value) -> matchers.addObject().put("name", name).put("value", value).put("isRegex", false).put("isEqual", true));
        silence.put("startsAt", now.toString()).put("endsAt", now.plus(duration).toString())
                .put("createdBy", createdBy).put("comment", comment);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/api/v2/silences"))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(silence.toString(), StandardCharsets.UTF_8));
        if (!settings.bearerToken().isBlank()) {
            request.header("Authorization", "Bearer " + settings.bearerToken());
        } else if (!settings.username().isBlank()) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new RefusedException("could not reach Alertmanager at " + base + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException("interrupted while asking Alertmanager");
        }
        String body = response.body().strip();
        if (response.statusCode() / 100 != 2) {
            throw new RefusedException("Alertmanager answered " + response.statusCode()
                    + (body.isEmpty() ? "" : " (" + (body.length() > ERROR_BODY_CHARS ? body.substring(0, ERROR_BODY_CHARS) + "…" : body) + ")"));
        }
        try {
            JsonNode answer = mapper.readTree(body);
            return answer.path("silenceID").asText();
        } catch (IOException e) {
            throw new RefusedException("Alertmanager's answer is not JSON");
        }
    }
}
