package io.alerthook.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.slack.SlackPost;
import io.alerthook.store.AuditLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the store's records for what an alerthook that stopped left undone: every alert received whose Slack message
 * or healing has no outcome on record. A Slack message with any record ({@code queued} on) is the outbox's, which the
 * store keeps; a heal run {@code started} without an end was cut off.
 */
public final class JournalScan {

    /** An alert with what is left to do about it. */
    public static final class Unfinished {

        private final AlertEvent alert;
        private final Instant receivedAt;
        private boolean slackDone;
        private boolean healDone;
        private final Set<String> runningPlaybooks = new LinkedHashSet<>();

        Unfinished(AlertEvent alert, Instant receivedAt) {
            this.alert = alert;
            this.receivedAt = receivedAt;
        }

        public AlertEvent alert() {
            return alert;
        }

        public Instant receivedAt() {
            return receivedAt;
        }

        public boolean slackPending() {
            return !slackDone;
        }

        /** Healing never got to the alert (no playbook started for it, and nothing recorded). */
        public boolean healPending() {
            return !healDone && runningPlaybooks.isEmpty();
        }

        /** Playbooks whose run for the alert had started and never ended. */
        public Set<String> interruptedPlaybooks() {
            return runningPlaybooks;
        }

        boolean isFinished() {
            return slackDone && healDone && runningPlaybooks.isEmpty();
        }
    }

    private final ObjectMapper mapper;

    public JournalScan(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    private AlertEvent alertEvent(JsonNode received) {
        try {
            return new AlertEvent(mapper.treeToValue(received.get("alert"), Alert.class), mapper.treeToValue(received.get("group"), AlertGroup.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a received record without a readable alert: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Replays the store's records from {@code since} on and keeps the alerts with something left to do that alerthook
     * {@code receivedBy} acknowledged (null: whichever did).
     */
    public Collection<Unfinished> unfinished(AuditLog store, Instant since, String receivedBy) {
        Map<String, Unfinished> open = new LinkedHashMap<>();
        store.replay(since, record -> read(record, open, receivedBy));
        List<Unfinished> unfinished = new ArrayList<>(open.values());
        unfinished.removeIf(Unfinished::isFinished);
        return unfinished;
    }

    private void read(JsonNode record, Map<String, Unfinished> open, String receivedBy) {
        Event event = Event.of(record.path("event").asText());
        Outcome outcome = Outcome.of(record.path("outcome").asText(null));
        String key = record.path("notification").asText() + "/" + record.path("fingerprint").asText();
        if (event == Event.RECEIVED) {
            if (outcome == null && record.has("alert") && record.has("group")
                    && (receivedBy == null || receivedBy.equals(record.path("replica").asText()))) {
                open.put(key, new Unfinished(alertEvent(record), Instant.parse(record.path("time").asText())));
            }
            return;
        }
        if (event == Event.HEAL && outcome == Outcome.INTERRUPTED && !record.hasNonNull("notification")) {
            // a run ended for an alerthook that died (recovery/ReplicaHeartbeat): the guard knows its alert, not the notification
            String fingerprint = record.path("fingerprint").asText();
            for (Unfinished alert : open.values()) {
                if (alert.alert.alert().fingerprint().equals(fingerprint) && alert.runningPlaybooks.remove(record.path("playbook").asText())) {
                    alert.healDone = true;
                }
            }
            open.values().removeIf(Unfinished::isFinished);
            return;
        }
        Unfinished alert = open.get(key);
        if (alert == null || event == null) {
            return;
        }
        switch (event) {
            case FILTERED -> {
                if (Event.of(record.path("destination").asText()) == Event.SLACK) {
                    alert.slackDone = true;
                } else {
                    alert.healDone = true;
                }
            }
            case SLACK -> {
                if (record.path("message").asText().equals(SlackPost.Kind.ALERTS.wire())) {
                    // any outcome: from queued on, the message is the outbox's, which the store keeps
                    alert.slackDone = outcome != null;
                }
            }
            case HEAL -> {
                String playbook = record.path("playbook").asText(null);
                if (outcome == Outcome.STARTED) {
                    alert.runningPlaybooks.add(playbook);
                } else {
                    alert.runningPlaybooks.remove(playbook);
                    alert.healDone = true;
                }
            }
            default -> {
                // recovery's own records: nothing to settle
            }
        }
        if (alert.isFinished()) {
            open.remove(key);
        }
    }
}
