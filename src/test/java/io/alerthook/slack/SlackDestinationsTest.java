package io.alerthook.slack;

import io.alerthook.AlerthookProperties.Slack.Destination;
import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackDestinationsTest {

    private static final String DB_WEBHOOK = "https://hooks.slack.invalid/services/T/DB/secret";

    private final SlackDestinations destinations = SlackSettings.destinations(
            new Destination("db", "team=\"db\"", DB_WEBHOOK, null),
            new Destination("critical", "severity=\"critical\"", null, "#monitoring"));

    @Test
    void theFirstMatchWinsAndTheRestGoToTheDefault() {
        assertThat(destinations.of(alert("db", "critical")).name()).isEqualTo("db");
        assertThat(destinations.of(alert("web", "critical")).name()).isEqualTo("critical");
        assertThat(destinations.of(alert("web", "warning")).name()).isEqualTo("default");
    }

    @Test
    void aDestinationWithoutItsOwnWebhookUsesTheDefaultOneAndSharesItsRateLimit() {
        SlackDestination critical = destinations.of(alert("web", "critical"));
        SlackDestination fallback = destinations.of(alert("web", "warning"));

        assertThat(critical.webhookUrl()).isEqualTo(SlackSettings.WEBHOOK);
        assertThat(critical.senderId()).isEqualTo(fallback.senderId())
                .isNotEqualTo(destinations.of(alert("db", "info")).senderId());
    }

    @Test
    void neverPrintsAWebhookUrl() {
        SlackDestination db = destinations.of(alert("db", "critical"));

        assertThat(db.toString()).isEqualTo("SlackDestination[db, webhook configured]").doesNotContain("secret");
        assertThat(db.senderId()).doesNotContain("secret");
        assertThat(db.redact("POST " + DB_WEBHOOK + " failed")).isEqualTo("POST <slack webhook url> failed");
    }

    @Test
    void saysWhichDeclarationIsWrongAndHow() {
        assertThatThrownBy(() -> SlackSettings.destinations(new Destination("DB team", "team=db", null, null)))
                .hasMessage("alerthook.slack.destinations[0].name: must be lower-case letters, digits and dashes, got DB team");
        assertThatThrownBy(() -> SlackSettings.destinations(new Destination("db", "team=db", null, null),
                new Destination("db", "team=dba", null, null)))
                .hasMessage("alerthook.slack.destinations[1].name: \"db\" is taken");
        assertThatThrownBy(() -> SlackSettings.destinations(new Destination("default", "team=db", null, null)))
                .hasMessage("alerthook.slack.destinations[0].name: \"default\" is taken by alerthook.slack.webhook-url");
        assertThatThrownBy(() -> SlackSettings.destinations(new Destination("db", "", null, null)))
                .hasMessage("alerthook.slack.destinations[0].matchers: must say which alerts go to \"db\", e.g. team=\"db\"");
        assertThatThrownBy(() -> SlackSettings.destinations(new Destination("db", "team:db", null, null)))
                .hasMessageStartingWith("alerthook.slack.destinations[0].matchers: bad label matcher at \"team:db\"");
    }

    @Test
    void withTheBotTokenADestinationWithoutItsOwnWebhookPostsAsTheAppToItsChannel() {
        SlackDestinations app = new SlackDestinations(SlackSettings.app("", "#alerts",
                new Destination("db", "team=\"db\"", DB_WEBHOOK, null),
                new Destination("web", "team=\"web\"", null, "C0123456789")));

        assertThat(app.of(alert("db", "critical")).isApp()).isFalse();
        assertThat(app.of(alert("web", "critical"))).satisfies(web -> {
            assertThat(web.isApp()).isTrue();
            assertThat(web.channel()).isEqualTo("C0123456789");
            assertThat(web.toString()).isEqualTo("SlackDestination[web, app, channel C0123456789]").doesNotContain("secret");
            assertThat(web.redact("token " + SlackSettings.BOT_TOKEN + " refused")).isEqualTo("token <slack bot token> refused");
        });
        SlackDestination fallback = app.of(alert("ops", "critical"));
        assertThat(fallback.isApp()).isTrue();
        assertThat(fallback.senderId()).as("Slack paces an app per channel").isNotEqualTo(app.of(alert("web", "critical")).senderId());
        assertThat(fallback.appId()).isEqualTo(app.of(alert("web", "critical")).appId());

        assertThat(new SlackDestinations(SlackSettings.app(SlackSettings.WEBHOOK, "", new Destination("web", "team=web", null, "#web")))
                .of(alert("ops", "critical")).isApp()).as("the default destination keeps its webhook").isFalse();
    }

    @Test
    void aDestinationThatPostsAsTheAppMustNameItsChannel() {
        assertThatThrownBy(() -> new SlackDestinations(SlackSettings.app("", "")))
                .hasMessage("alerthook.slack.channel: \"default\" posts as the app (alerthook.slack.bot-token), so it needs a channel,"
                        + " by name (#alerts) or by ID (C0123456789)");
        assertThatThrownBy(() -> new SlackDestinations(SlackSettings.app("", "#alerts", new Destination("db", "team=db", null, " "))))
                .hasMessageStartingWith("alerthook.slack.destinations[0].channel: \"db\" posts as the app");
    }

    private static AlertEvent alert(String team, String severity) {
        return new AlertEvent(new Alert("firing", Map.of("alertname", "A", "team", team, "severity", severity),
                Map.of(), null, null, null, "f"), new AlertGroup("r", "g", "firing", null, Map.of(), Map.of(), 0, "n"));
    }
}
