package io.alerthook.slack;

import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.NotificationReader;
import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageFormatterTest {

    private final SlackMessageFormatter formatter = new SlackMessageFormatter();

    @Test
    void followsTheSeedTemplate() {
        String text = formatter.format(events(Fixtures.text(Fixtures.FIRING_SINGLE))).text();

        assertThat(text).isEqualTo("""
                :fire: *[FIRING:1] Application down*
                *Alert:* App is down on web-app:8000 - `critical`
                *Description:* The app on instance web-app:8000 has been down for the past 1 minute.
                *Details:*
                  • *alertname:* `Application down`
                  • *instance:* `web-app:8000`
                  • *job:* `web-app`
                  • *severity:* `critical`
                <http://prometheus:9090/graph?g0.expr=up%7Bjob%3D%22web-app%22%7D+%3D%3D+0|Source>
                <http://alertmanager:9093|Alertmanager>""");
    }

    @Test
    void marksResolvedAlertsPlainly() {
        String text = formatter.format(events(Fixtures.text(Fixtures.RESOLVED_SINGLE))).text();

        assertThat(text).startsWith(":white_check_mark: *[RESOLVED] Application down*\n")
                .contains("*Alert:* App is down on web-app:8000 - `critical` *RESOLVED*")
                .doesNotContain("|Source>");
    }

    @Test
    void countsFiringAndResolvedInAMixedGroup() {
        String mixed = Fixtures.text(Fixtures.FIRING_TRUNCATED).replaceFirst("\"status\": \"firing\",\n      \"labels\"",
                "\"status\": \"resolved\",\n      \"labels\"");

        assertThat(SlackMessageFormatter.header(events(mixed))).isEqualTo(":fire: *[FIRING:4, RESOLVED:1] HighLatency*");
    }

    @Test
    void keepsEmojiAndSaysHowManyAlertsAlertmanagerLeftOut() {
        String text = formatter.format(events(Fixtures.text(Fixtures.FIRING_TRUNCATED))).text();

        assertThat(text).contains("*Alert:* Latency high on node-5 🚨 - `warning`")
                .contains("_2 more alerts in this group were left out by Alertmanager (max_alerts)._");
    }

    @Test
    void labelValuesCannotTurnIntoLinksOrMentions() {
        String hostile = Fixtures.text(Fixtures.FIRING_SINGLE).replace("\"job\": \"web-app\"", "\"job\": \"<!channel> & <http://evil|click>\"");

        assertThat(formatter.format(events(hostile)).text())
                .contains("• *job:* `&lt;!channel&gt; &amp; &lt;http://evil|click&gt;`")
                .doesNotContain("<!channel>");
    }

    private static List<AlertEvent> events(String json) {
        return new NotificationReader().read(json.getBytes(StandardCharsets.UTF_8)).alertEvents();
    }
}
