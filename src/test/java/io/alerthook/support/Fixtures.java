package io.alerthook.support;

import io.alerthook.alert.Notification;
import io.alerthook.alert.NotificationReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.UUID;

/** The real Alertmanager 0.25 webhook bodies under src/test/resources/fixtures, as sent or varied for a test. */
public final class Fixtures {

    public static final String FIRING_SINGLE = "firing-single.json";
    public static final String FIRING_TRUNCATED = "firing-truncated.json";
    public static final String RESOLVED_SINGLE = "resolved-single.json";

    /** A reader with the default limits. */
    public static final NotificationReader READER = new NotificationReader(1000, 16, 65536);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** The seed's firing notification as read, with this group key and this many copies of its alert. */
    public static Notification firingSingle(String groupKey, int alerts) {
        Notification one = READER.read(bytes(FIRING_SINGLE));
        return new Notification(one.version(), groupKey, one.truncatedAlerts(), one.status(), one.receiver(), one.groupLabels(),
                one.commonLabels(), one.commonAnnotations(), one.externalURL(), Collections.nCopies(alerts, one.alerts().get(0)), one.id());
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/alertmanager-0.25/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    public static ObjectNode tree(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixture with fresh fingerprints, so that a test finds its own records in a shared audit file,
     * and a {@code run} label on every alert, so that it finds its own Slack message. The group key names the run
     * too, so that Slack's coalescing never takes one test's message for a newer state of another's.
     */
    public static ObjectNode fresh(String name, String run) {
        ObjectNode tree = tree(name);
        tree.put("groupKey", tree.get("groupKey").asText() + ":" + run);
        for (JsonNode alert : tree.get("alerts")) {
            ((ObjectNode) alert).put("fingerprint", UUID.randomUUID().toString().replace("-", "").substring(0, 16));
            ((ObjectNode) alert.get("labels")).put("run", run);
        }
        return tree;
    }

    public static String fingerprint(JsonNode notification, int alert) {
        return notification.get("alerts").get(alert).get("fingerprint").asText();
    }

    public static ObjectNode labels(JsonNode notification, int alert) {
        return (ObjectNode) notification.get("alerts").get(alert).get("labels");
    }

    public static String json(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
