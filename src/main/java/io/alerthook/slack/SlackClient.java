package io.alerthook.slack;

import com.slack.api.Slack;
import com.slack.api.webhook.WebhookResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Posts a payload to a Slack incoming webhook, through the official Slack SDK, which, unlike camel-slack 4.17's producer,
 * tells the caller Slack's status and {@code Retry-After}, which retries need.
 */
public final class SlackClient {

    /** A longer Retry-After (or a nonsensical one) is capped: past this, trying again is better than staying silent. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);
    private static final int ERROR_BODY_CHARS = 200;

    private final Slack slack;
    private final Clock clock;

    public SlackClient(Slack slack, Clock clock) {
        this.slack = slack;
        this.clock = clock;
    }

    public void post(SlackDestination destination, String payload) throws SlackDeliveryException {
        WebhookResponse response;
        try {
            response = slack.send(destination.webhookUrl(), payload);
        } catch (IOException e) {
            // Not chained as the cause: a cause's message could hold the URL, and stack traces get logged.
            throw new SlackDeliveryException("could not reach Slack: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + destination.redact(e.getMessage())), 0, null);
        }
        int status = response.getCode();
        if (status / 100 == 2) {
            return;
        }
        Duration retryAfter = status == 429 ? retryAfter(header(response, "Retry-After"), clock.instant()) : null;
        String body = destination.redact(response.getBody() == null ? "" : response.getBody().strip());
        throw new SlackDeliveryException("Slack answered " + status
                + (body.isEmpty() ? "" : " (" + (body.length() > ERROR_BODY_CHARS ? body.substring(0, ERROR_BODY_CHARS) + "…" : body) + ")")
                + (retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms"), status, retryAfter);
    }

    private static String header(WebhookResponse response, String name) {
        return response.getHeaders() == null ? null : response.getHeaders().entrySet().stream()
                .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0)).findFirst().orElse(null);
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
