package io.alerthook.slack;

import io.alerthook.AlerthookProperties;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.LabelMatcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Routes each alert to one Slack destination: the first of {@code alerthook.slack.destinations} whose matchers
 * it fits, else the default one ({@code alerthook.slack.webhook-url}, {@code alerthook.slack.channel}), as
 * Alertmanager's own route tree does without {@code continue}. With {@code alerthook.slack.bot-token}, a destination
 * without a webhook of its own posts as the app to its channel (the default destination: unless
 * {@code alerthook.slack.webhook-url} is set); without, it uses the default webhook.
 */
public final class SlackDestinations {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final List<SlackDestination> routed;
    private final SlackDestination fallback;

    public SlackDestinations(AlerthookProperties.Slack slack) {
        this.fallback = slack.webhookUrl().isBlank() && !slack.botToken().isEmpty()
                ? app(SlackDestination.DEFAULT, List.of(), slack.channel(), slack.botToken(), "alerthook.slack.channel")
                : new SlackDestination(SlackDestination.DEFAULT, List.of(), slack.webhookUrl(), slack.channel());
        this.routed = new ArrayList<>();
        Set<String> names = new HashSet<>(Set.of(SlackDestination.DEFAULT));
        for (int i = 0; i < slack.destinations().size(); i++) {
            AlerthookProperties.Slack.Destination declared = slack.destinations().get(i);
            String where = "alerthook.slack.destinations[" + i + "]";
            if (declared.name() == null || !NAME.matcher(declared.name()).matches()) {
                throw new IllegalArgumentException(where + ".name: must be lower-case letters, digits and dashes, got "
                        + declared.name());
            }
            if (!names.add(declared.name())) {
                throw new IllegalArgumentException(where + ".name: \"" + declared.name() + "\" is taken"
                        + (declared.name().equals(SlackDestination.DEFAULT) ? " by alerthook.slack.webhook-url" : ""));
            }
            List<LabelMatcher> matchers;
            try {
                matchers = LabelMatcher.parseAll(declared.matchers());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".matchers: " + e.getMessage(), e);
            }
            if (matchers.isEmpty()) {
                throw new IllegalArgumentException(where + ".matchers: must say which alerts go to \""
                        + declared.name() + "\", e.g. team=\"db\"");
            }
            boolean ownWebhook = declared.webhookUrl() != null && !declared.webhookUrl().isBlank();
            routed.add(ownWebhook || slack.botToken().isEmpty()
                    ? new SlackDestination(declared.name(), matchers, ownWebhook ? declared.webhookUrl() : slack.webhookUrl(), declared.channel())
                    : app(declared.name(), matchers, declared.channel(), slack.botToken(), where + ".channel"));
        }
    }

    /** A destination that posts as the app: to a channel, which it must name. */
    private static SlackDestination app(String name, List<LabelMatcher> matchers, String channel, String botToken, String channelSetting) {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException(channelSetting + ": \"" + name + "\" posts as the app (alerthook.slack.bot-token),"
                    + " so it needs a channel, by name (#alerts) or by ID (C0123456789)");
        }
        return new SlackDestination(name, matchers, "", channel, botToken);
    }

    /** Every destination, the default last. */
    public List<SlackDestination> all() {
        List<SlackDestination> all = new ArrayList<>(routed);
        all.add(fallback);
        return all;
    }

    /** The destination of that name, which must be one of these. */
    public SlackDestination named(String name) {
        return all().stream().filter(destination -> destination.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Slack destination is named \"" + name + "\""));
    }

    public SlackDestination of(AlertEvent alert) {
        return routed.stream().filter(destination -> destination.takes(alert.alert())).findFirst().orElse(fallback);
    }

    /** The alerts of one message split by destination, each list in the order the alerts came. */
    public Map<SlackDestination, List<AlertEvent>> route(List<AlertEvent> alerts) {
        Map<SlackDestination, List<AlertEvent>> byDestination = new LinkedHashMap<>();
        for (AlertEvent alert : alerts) {
            byDestination.computeIfAbsent(of(alert), destination -> new ArrayList<>()).add(alert);
        }
        return byDestination;
    }
}
