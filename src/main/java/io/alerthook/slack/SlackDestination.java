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
 * Where a Slack message goes: a webhook and, optionally, a channel; or, with a bot token, a channel that alerthook
 * posts to as a Slack app (Web API), with one thread per incident. The webhook URL and the token are credentials: they
 * are only handed to the HTTP client, and never printed ({@link #toString}, {@link #redact}).
 *
 * @param name     names the destination in the audit, logs and metrics, and its outbox route
 * @param matchers the alerts it takes; empty for the default destination, which takes the rest
 * @param botToken empty for a webhook destination
 */
public record SlackDestination(String name, List<LabelMatcher> matchers, String webhookUrl, String channel, String botToken) {

    public static final String DEFAULT = "default";

    public SlackDestination {
        webhookUrl = webhookUrl == null ? "" : webhookUrl.trim();
        channel = channel == null ? "" : channel.trim();
        botToken = botToken == null ? "" : botToken.trim();
        matchers = List.copyOf(matchers);
    }

    /** A destination with a webhook. */
    public SlackDestination(String name, List<LabelMatcher> matchers, String webhookUrl, String channel) {
        this(name, matchers, webhookUrl, channel, "");
    }

    public boolean isConfigured() {
        return !webhookUrl.isEmpty() || isApp();
    }

    /** Whether alerthook posts here as a Slack app, with threads, rather than to a webhook. */
    public boolean isApp() {
        return !botToken.isEmpty();
    }

    public boolean takes(Alert alert) {
        return matchers.stream().allMatch(matcher -> matcher.matches(alert.labels()));
    }

    public URI uri() {
        return URI.create(webhookUrl);
    }

    /**
     * Names where posts go without saying the credential (the webhook; for an app, its token and channel), so that
     * destinations sharing one (one per channel, say) share its rate limit, and one alerthook at a time sends there.
     */
    public String senderId() {
        return digest(isApp() ? botToken + "\n" + channel : webhookUrl);
    }

    /** Names the app's token without saying it: Slack limits {@code chat.update} per app and workspace. */
    public String appId() {
        return digest(botToken);
    }

    private static String digest(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The payload as this destination's webhook takes it: with the destination's channel, if it names one. */
    public String address(ObjectNode payload) {
        if (!channel.isEmpty() && !isApp()) {
            payload.put("channel", channel);
        }
        return payload.toString();
    }

    /** The text with the webhook URL or the token, if it holds them, replaced by a placeholder. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = webhookUrl.isEmpty() ? text : text.replace(webhookUrl, "<slack webhook url>");
        return isApp() ? redacted.replace(botToken, "<slack bot token>") : redacted;
    }

    @Override
    public String toString() {
        return "SlackDestination[" + name + (isApp() ? ", app" : !webhookUrl.isEmpty() ? ", webhook configured" : ", no webhook")
                + (channel.isEmpty() ? "" : ", channel " + channel) + "]";
    }
}
