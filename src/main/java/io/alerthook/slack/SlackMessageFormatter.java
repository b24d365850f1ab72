package io.alerthook.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns the alerts of one notification group into one Slack message per destination, rendered by the
 * {@link SlackTemplate} and fitted to Slack's {@link SlackLimits}: as many alerts as fit are shown in full (at most
 * {@code alerthook.slack.max-alerts-shown}), the rest are counted; a message is never refused for its size.
 * <p>
 * A group's message is rendered when it leaves its outbox ({@link #rendered}), not when it joins it: during a storm most
 * messages are coalesced into a newer one of their group while they wait, and those are never rendered (the render
 * and its fitting were a fifth of the dispatch thread's time, bench/run --profile).
 */
public final class SlackMessageFormatter {

    private static final Logger LOG = LoggerFactory.getLogger(SlackMessageFormatter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A group a template must be able to render: one firing alert and one resolved, with every field set. */
    private static final List<AlertEvent> SAMPLE = sample();

    private static List<AlertEvent> sample() {
        AlertGroup group = new AlertGroup("alerthook", "{}:{alertname=\"Sample\"}", "firing", "http://alertmanager:9093",
                Map.of("alertname", "Sample"), Map.of("alertname", "Sample", "severity", "critical"), 1, "n");
        Map<String, String> annotations = Map.of("title", "Sample <title> & \"quotes\"", "description", "Line one\nline two");
        return List.of(
                new AlertEvent(new Alert("firing", Map.of("alertname", "Sample", "severity", "critical", "instance", "a"),
                        annotations, "2026-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "http://prometheus:9090/graph", "f1"), group),
                new AlertEvent(new Alert("resolved", Map.of("alertname", "Sample", "severity", "critical", "instance", "b"),
                        annotations, "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", "http://prometheus:9090/graph", "f2"), group));
    }

    private final SlackDestinations destinations;
    private final SlackTemplate template;
    private final SlackTemplate bundled;
    private final int maxAlertsShown;

    public SlackMessageFormatter(SlackDestinations destinations, SlackTemplate template, int maxAlertsShown) {
        if (maxAlertsShown < 1) {
            throw new IllegalArgumentException("alerthook.slack.max-alerts-shown: must be at least 1, got " + maxAlertsShown);
        }
        this.destinations = destinations;
        this.template = template;
        this.bundled = template.isBundled() ? template : new SlackTemplate(SlackTemplate.BUNDLED);
        this.maxAlertsShown = maxAlertsShown;
        // A template that cannot render a message is a configuration error: say so at startup, not at the first alert.
        parse(template, template.render(SlackMessageView.of(SAMPLE, SAMPLE.size())));
    }

    /** One message per destination the alerts are routed to, to be {@linkplain #rendered rendered} when it is sent. */
    public List<SlackPost> messages(List<AlertEvent> alerts) {
        return destinations.route(alerts).entrySet().stream()
                .map(routed -> new SlackPost(SlackPost.Kind.ALERTS, routed.getKey(), null, routed.getValue(), Instant.now()))
                .toList();
    }

    /** The message with its payload: a group's alerts rendered now; any other message (a heal report, a note) as it is. */
    public SlackPost rendered(@Body SlackPost post) {
        return post.payload() != null ? post : post.withPayload(post.destination().address(fitted(post.alerts())));
    }

    /** The message with as many alerts in full as Slack's limits allow, cut only if even one is too long. */
    ObjectNode fitted(List<AlertEvent> alerts) {
        int shown = Math.min(alerts.size(), maxAlertsShown);
        while (true) {
            ObjectNode payload = render(alerts, shown);
            if (SlackLimits.fits(payload)) {
                return payload;
            }
            if (shown == 1) {
                SlackLimits.cut(payload);
                return payload;
            }
            double over = Math.max(SlackLimits.blocks(payload) / (double) SlackLimits.MAX_BLOCKS,
                    SlackLimits.totalText(payload) / (double) SlackLimits.MAX_TOTAL_TEXT);
            shown = Math.max(1, Math.min(shown - 1, (int) (shown / over)));
        }
    }

    private ObjectNode render(List<AlertEvent> alerts, int shown) {
        Map<String, Object> view = SlackMessageView.of(alerts, shown);
        try {
            return parse(template, template.render(view));
        } catch (IllegalArgumentException e) {
            if (template == bundled) {
                throw e;
            }
            // An alert the custom template was not written for still reaches Slack, in the bundled layout.
            LOG.warn("{}; this message uses the bundled template", e.getMessage());
            return parse(bundled, bundled.render(view));
        }
    }

    private static ObjectNode parse(SlackTemplate template, String rendered) {
        JsonNode payload;
        try {
            payload = MAPPER.readTree(rendered);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alerthook.slack.template " + template.location()
                    + " does not render valid JSON: " + e.getOriginalMessage());
        }
        if (!(payload instanceof ObjectNode object) || !(object.has("text") || object.has("blocks") || object.has("attachments"))) {
            throw new IllegalArgumentException("alerthook.slack.template " + template.location()
                    + " must render a JSON object with \"text\", \"blocks\" or \"attachments\"");
        }
        return object;
    }

}
