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
        assertThat(critical.webhookId()).isEqualTo(fallback.webhookId())
                .isNotEqualTo(destinations.of(alert("db", "info")).webhookId());
    }

    @Test
    void neverPrintsAWebhookUrl() {
        SlackDestination db = destinations.of(alert("db", "critical"));

        assertThat(db.toString()).isEqualTo("SlackDestination[db, webhook configured]").doesNotContain("secret");
        assertThat(db.webhookId()).doesNotContain("secret");
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

    private static AlertEvent alert(String team, String severity) {
        return new AlertEvent(new Alert("firing", Map.of("alertname", "A", "team", team, "severity", severity),
                Map.of(), null, null, null, "f"), new AlertGroup("r", "g", "firing", null, Map.of(), Map.of(), 0, "n"));
    }
}
