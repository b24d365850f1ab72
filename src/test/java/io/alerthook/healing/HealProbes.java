package io.alerthook.healing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Alerts for the test playbooks of src/test/resources/test-playbooks.camel.yaml, and what the audit says of their runs. */
final class HealProbes {

    private HealProbes() {
    }

    /** A one-alert notification for a test playbook, with a fresh fingerprint; severity info keeps it out of Slack. */
    static ObjectNode probe(String alertname) {
        ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_TRUNCATED, "heal-" + alertname);
        notification.withArray("alerts").removeAll();
        notification.withArray("alerts").add(Fixtures.fresh(Fixtures.FIRING_TRUNCATED, "heal-" + alertname).get("alerts").get(0));
        ObjectNode labels = Fixtures.labels(notification, 0);
        labels.put("alertname", alertname).put("severity", "info");
        return notification;
    }

    /** The same alert again, as Alertmanager re-sends it, with the status given. */
    static ObjectNode again(ObjectNode notification, String status) {
        ObjectNode copy = notification.deepCopy();
        copy.put("status", status);
        ((ObjectNode) copy.get("alerts").get(0)).put("status", status);
        return copy;
    }

    /** The audit's last word on the alert's heal run: anything after "started". */
    static JsonNode awaitHealOutcome(AuditFile audit, String fingerprint) {
        return awaitHealOutcomes(audit, fingerprint, 1).get(0);
    }

    /** The first {@code count} heal records of the alert about a playbook (not "no-playbook") and not "started", in order. */
    static List<JsonNode> awaitHealOutcomes(AuditFile audit, String fingerprint, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> audit.eventsFor(fingerprint, "heal").stream()
                .filter(event -> !List.of("started", "no-playbook").contains(event.get("outcome").asText()))
                .toList(), outcomes -> outcomes.size() >= count).subList(0, count);
    }
}
