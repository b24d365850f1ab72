package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.alert.Alert;
import io.alerthook.alert.LabelMatcher;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a Slack message goes: a webhook and, optionally, a channel. The webhook URL is a credential: it is only
 * handed to the HTTP client, and never printed ({@link #toString}, {@link #redact}).
 *
 * @param name     names the destination in the audit, logs and metrics, and its outbox route
 * @param matchers the alerts it takes; empty for the default destination, which takes the rest
 */
public record SlackDestination(String name, List<LabelMatcher> matchers, String webhookUrl, String channel) {

    public static final String DEFAULT = "default";

    public SlackDestination {
        webhookUrl = webhookUrl == null ? "" : webhookUrl.trim();
        channel = channel == null ? "" : channel.trim();
        matchers = List.copyOf(matchers);
    }

    public boolean isConfigured() {
        return !webhookUrl.isEmpty();
    }

    public boolean takes(Alert alert) {
        return matchers.stream().allMatch(matcher -> matcher.matches(alert.labels()));
    }

    public URI uri() {
        return URI.create(webhookUrl);
    }

    /**
     * Names the webhook without saying it, so destinations that share one webhook (one per channel, say) share
     * its rate limit.
     */
    public String webhookId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(webhookUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The payload as this destination's webhook takes it: with the destination's channel, if it names one. */
    public String address(ObjectNode payload) {
        if (!channel.isEmpty()) {
            payload.put("channel", channel);
        }
        return payload.toString();
    }

    /** The text with the webhook URL, if it holds it, replaced by a placeholder. */
    public String redact(String text) {
        return isConfigured() && text != null ? text.replace(webhookUrl, "<slack webhook url>") : text;
    }

    @Override
    public String toString() {
        return "SlackDestination[" + name + (isConfigured() ? ", webhook configured" : ", no webhook")
                + (channel.isEmpty() ? "" : ", channel " + channel) + "]";
    }
}
