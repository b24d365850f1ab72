package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.alerthook.AlerthookProperties.Slack.Destination;
import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.NotificationReader;
import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.alerthook.slack.SlackSettings.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackMessageFormatterTest {

    private final SlackMessageFormatter formatter = formatter(new SlackTemplate(""));

    @Test
    void followsTheSeedTemplateWithLinksToSourceAlertmanagerAndASilence() {
        JsonNode message = only(rendered(formatter, events(Fixtures.text(Fixtures.FIRING_SINGLE))));

        assertThat(message.get("text").asText()).isEqualTo("[FIRING:1] Application down: App is down on web-app:8000");
        assertThat(message.at("/attachments/0/color").asText()).isEqualTo("#E01E5A");
        JsonNode blocks = message.at("/attachments/0/blocks");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo(":fire: *[FIRING:1] Application down*");
        assertThat(blocks.get(1).at("/text/text").asText()).isEqualTo("""
                *Alert:* App is down on web-app:8000 - `critical`
                *Description:* The app on instance web-app:8000 has been down for the past 1 minute.
                *Details:*
                  • *alertname:* `Application down`
                  • *instance:* `web-app:8000`
                  • *job:* `web-app`
                  • *severity:* `critical`
                <http://prometheus:9090/graph?g0.expr=up%7Bjob%3D%22web-app%22%7D+%3D%3D+0|Source> · \
                <http://alertmanager:9093/#/silences/new?filter=%7Balertname%3D%22Application%20down%22%2Cinstance%3D%22web-app%3A8000%22%2Cjob%3D%22web-app%22%2Cseverity%3D%22critical%22%7D|Silence>""");
        assertThat(blocks.get(2).at("/elements/0/text").asText()).startsWith("<http://alertmanager:9093|Alertmanager> · <http://alertmanager:9093/#/silences/new?filter=")
                .endsWith("|Silence this group>");
    }

    @Test
    void marksResolvedAlertsPlainlyInGreen() {
        JsonNode message = only(rendered(formatter, events(Fixtures.text(Fixtures.RESOLVED_SINGLE))));

        assertThat(message.get("text").asText()).startsWith("[RESOLVED] Application down");
        assertThat(message.at("/attachments/0/color").asText()).isEqualTo("#2EB67D");
        assertThat(message.at("/attachments/0/blocks/1/text/text").asText())
                .contains("*Alert:* App is down on web-app:8000 - `critical` *RESOLVED*");
    }

    @Test
    void countsFiringAndResolvedInAMixedGroup() {
        String mixed = Fixtures.text(Fixtures.FIRING_TRUNCATED).replaceFirst("\"status\": \"firing\",\n      \"labels\"",
                "\"status\": \"resolved\",\n      \"labels\"");

        assertThat(only(rendered(formatter, events(mixed))).get("text").asText()).isEqualTo("[FIRING:4, RESOLVED:1] HighLatency");
    }

    @Test
    void keepsEmojiAndSaysHowManyAlertsAlertmanagerLeftOut() {
        JsonNode message = only(rendered(formatter, events(Fixtures.text(Fixtures.FIRING_TRUNCATED))));

        assertThat(message.at("/attachments/0/color").asText()).isEqualTo("#ECB22E");
        assertThat(message.toString()).contains("*Alert:* Latency high on node-5 🚨 - `warning`")
                .contains("_2 more alerts in this group were left out by Alertmanager (max_alerts)_");
    }

    @Test
    void labelValuesCannotTurnIntoLinksOrMentionsNorBreakTheJson() {
        String hostile = Fixtures.text(Fixtures.FIRING_SINGLE)
                .replace("\"job\": \"web-app\"", "\"job\": \"<!channel> & <http://evil|click> \\\"}]} \\\\ \\n\"");

        JsonNode message = only(rendered(formatter, events(hostile)));

        assertThat(message.at("/attachments/0/blocks/1/text/text").asText())
                .contains("• *job:* `&lt;!channel&gt; &amp; &lt;http://evil|click&gt; \"}]} \\ \n`")
                .doesNotContain("<!channel>");
    }

    @Test
    void showsTwentyAlertsOfFiveHundredInFullAndCountsTheRest() {
        JsonNode message = only(rendered(formatter, group(500, "The app has been down for the past minute.")));

        assertThat(SlackLimits.fits(message)).isTrue();
        assertThat(message.toString()).contains("web-19:8000").doesNotContain("web-20:8000").contains("_and 480 more alerts_");
    }

    @Test
    void showsFewerAlertsWhenTheirTextWouldPassSlacksLimits() {
        JsonNode message = only(rendered(formatter, group(30, "x".repeat(2500))));

        assertThat(SlackLimits.fits(message)).isTrue();
        int shown = message.at("/attachments/0/blocks").size() - 3;
        assertThat(shown).isBetween(10, 15);
        assertThat(message.toString()).contains("_and " + (30 - shown) + " more alerts_");
    }

    @Test
    void cutsAnAlertTooLongForOneSection() {
        JsonNode message = only(rendered(formatter, group(1, "y".repeat(10_000))));

        assertThat(SlackLimits.fits(message)).isTrue();
        assertThat(message.at("/attachments/0/blocks/1/text/text").asText()).hasSize(SlackLimits.MAX_SECTION_TEXT).endsWith("…");
    }

    @Test
    void routesAlertsByLabelToTheirDestinationAndChannel() {
        SlackMessageFormatter routing = new SlackMessageFormatter(SlackSettings.destinations(
                new Destination("db", "team=\"db\"", "https://hooks.slack.invalid/services/T/DB/secret", null),
                new Destination("warnings", "severity=\"warning\"", null, "#alerts")), new SlackTemplate(""), 20);
        String group = Fixtures.text(Fixtures.FIRING_TRUNCATED).replaceFirst("\"labels\": \\{", "\"labels\": {\"team\": \"db\",");

        List<SlackPost> posts = rendered(routing, events(group));

        assertThat(posts).extracting(post -> post.destination().name()).containsExactly("db", "warnings");
        assertThat(posts.get(0).alerts()).hasSize(1);
        assertThat(posts.get(1).alerts()).hasSize(4);
        assertThat(payload(posts.get(1)).get("channel").asText()).isEqualTo("#alerts");
        assertThat(payload(posts.get(0)).has("channel")).isFalse();
        assertThat(posts.get(1).destination().webhookUrl()).isEqualTo(SlackSettings.WEBHOOK);
    }

    @Test
    void rendersAGroupsMessageWhenItLeavesItsOutboxAndOtherMessagesAsTheyAre() {
        List<SlackPost> messages = formatter.messages(events(Fixtures.text(Fixtures.FIRING_SINGLE)));
        assertThat(messages).hasSize(1);
        SlackPost waiting = messages.get(0);
        assertThat(waiting.payload()).as("not rendered while it waits: a coalesced message never is").isNull();

        SlackPost leaving = formatter.rendered(waiting);
        assertThat(leaving.payload()).contains("[FIRING:1] Application down");
        assertThat(formatter.rendered(leaving)).isSameAs(leaving);
    }

    @Test
    void rendersATemplateTheUserWrote(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("short.json.ftl"),
                "{\"text\": \"${title} <#list alerts as alert>${alert.labels?filter(l -> l.name == \"instance\")?map(l -> l.value)?join(\",\")}</#list>\"}");

        JsonNode message = only(rendered(formatter(new SlackTemplate("file:" + template)), events(Fixtures.text(Fixtures.FIRING_SINGLE))));

        assertThat(message.toString()).isEqualTo("{\"text\":\"[FIRING:1] Application down web-app:8000\"}");
    }

    @Test
    void refusesATemplateThatDoesNotRenderAMessageAtStartup(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("broken.json.ftl"), "{\"text\": \"${title}\",}");
        Path notFound = dir.resolve("missing.json.ftl");
        Path badSyntax = Files.writeString(dir.resolve("syntax.json.ftl"), "{\"text\": \"<#if>\"}");

        assertThatThrownBy(() -> formatter(new SlackTemplate("file:" + notJson)))
                .hasMessageStartingWith("alerthook.slack.template file:" + notJson + " does not render valid JSON");
        assertThatThrownBy(() -> new SlackTemplate(notFound.toString()))
                .hasMessageStartingWith("alerthook.slack.template " + notFound + ": ");
        assertThatThrownBy(() -> new SlackTemplate(badSyntax.toString()))
                .hasMessageStartingWith("alerthook.slack.template " + badSyntax + ": ");
    }

    @Test
    void fallsBackToTheBundledTemplateForAGroupTheUsersTemplateCannotRender(@TempDir Path dir) throws IOException {
        // Written for groups of two or more (as the startup check's sample is); the seed's group has one alert.
        Path template = Files.writeString(dir.resolve("pairs.json.ftl"), "{\"text\": \"${title}: ${alerts[1].title}\"}");

        JsonNode message = only(rendered(formatter(new SlackTemplate("file:" + template)), events(Fixtures.text(Fixtures.FIRING_SINGLE))));

        assertThat(message.get("text").asText()).isEqualTo("[FIRING:1] Application down: App is down on web-app:8000");
        assertThat(message.has("attachments")).isTrue();
    }

    private static SlackMessageFormatter formatter(SlackTemplate template) {
        return new SlackMessageFormatter(SlackSettings.destinations(), template, 20);
    }

    /** The messages as they leave their outboxes. */
    private static List<SlackPost> rendered(SlackMessageFormatter formatter, List<AlertEvent> alerts) {
        return formatter.messages(alerts).stream().map(formatter::rendered).toList();
    }

    private static JsonNode only(List<SlackPost> posts) {
        assertThat(posts).hasSize(1);
        return payload(posts.get(0));
    }

    private static List<AlertEvent> events(String json) {
        return Fixtures.READER.read(json.getBytes(StandardCharsets.UTF_8)).alertEvents();
    }

    private static List<AlertEvent> group(int size, String description) {
        AlertEvent first = events(Fixtures.text(Fixtures.FIRING_SINGLE)).get(0);
        return IntStream.range(0, size).mapToObj(i -> {
            Map<String, String> labels = new HashMap<>(first.alert().labels());
            labels.put("instance", "web-" + i + ":8000");
            Alert alert = first.alert();
            return new AlertEvent(new Alert(alert.status(), labels, Map.of("title", "App down on web-" + i, "description", description),
                    alert.startsAt(), alert.endsAt(), alert.generatorURL(), "f" + i), first.group());
        }).toList();
    }
}
