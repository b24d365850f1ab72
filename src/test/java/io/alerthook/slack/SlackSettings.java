package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import io.alerthook.support.SlackStub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** Slack settings as application.yaml would give them, for tests that need no running alerthook. */
final class SlackSettings {

    static final String WEBHOOK = "https://hooks.slack.invalid/services/T/B/secret";
    static final String BOT_TOKEN = SlackStub.BOT_TOKEN;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlackSettings() {
    }

    static AlerthookProperties.Slack slack(String webhookUrl, AlerthookProperties.Slack.Destination... destinations) {
        return new AlerthookProperties.Slack(webhookUrl, "", List.of("critical"), List.of(destinations), "", 20,
                Duration.ofSeconds(10), Duration.ofHours(1), 1000, 1000, 250, new AlerthookProperties.Slack.Retry(1000, 60000),
                "", "", "https://slack.invalid/api/", AlerthookProperties.Slack.ThreadMode.BOTH, 1200, List.of());
    }

    /** As a Slack app with the bot token: the default destination posts to {@code channel}, unless {@code webhookUrl} is set. */
    static AlerthookProperties.Slack app(String webhookUrl, String channel, AlerthookProperties.Slack.Destination... destinations) {
        return new AlerthookProperties.Slack(webhookUrl, channel, List.of("critical"), List.of(destinations), "", 20,
                Duration.ofSeconds(10), Duration.ofHours(1), 1000, 1000, 250, new AlerthookProperties.Slack.Retry(1000, 60000),
                BOT_TOKEN, "", "https://slack.invalid/api/", AlerthookProperties.Slack.ThreadMode.BOTH, 1200, List.of());
    }

    static SlackDestinations destinations(AlerthookProperties.Slack.Destination... destinations) {
        return new SlackDestinations(slack(WEBHOOK, destinations));
    }

    static JsonNode payload(SlackPost post) {
        try {
            return MAPPER.readTree(post.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message's own text: the notification line on phones, and the whole message of a heal report. */
    static String text(SlackPost post) {
        return payload(post).get("text").asText();
    }
}
