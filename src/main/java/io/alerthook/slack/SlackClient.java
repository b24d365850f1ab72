package io.alerthook.slack;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Posts a payload to a Slack incoming webhook. Unlike camel-slack 4.17, it tells the caller Slack's status and
 * {@code Retry-After}, which retries need.
 */
public final class SlackClient {

    /** A longer Retry-After (or a nonsensical one) is capped: past this, trying again is better than staying silent. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);
    private static final int ERROR_BODY_CHARS = 200;

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public SlackClient(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    public void post(SlackDestination destination, String payload) throws SlackDeliveryException {
        HttpRequest request = HttpRequest.newBuilder(destination.uri())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Not chained as the cause: a cause's message could hold the URL, and stack traces get logged.
            throw new SlackDeliveryException("could not reach Slack: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + destination.redact(e.getMessage())), 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackDeliveryException("interrupted while posting to Slack", 0, null);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        Duration retryAfter = status == 429
                ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()) : null;
        String body = destination.redact(response.body().strip());
        throw new SlackDeliveryException("Slack answered " + status
                + (body.isEmpty() ? "" : " (" + (body.length() > ERROR_BODY_CHARS ? body.substring(0, ERROR_BODY_CHARS) + "…" : body) + ")")
                + (retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms"), status, retryAfter);
    }

    /** {@code Retry-After} as seconds or an HTTP date (RFC 9110), capped; null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
