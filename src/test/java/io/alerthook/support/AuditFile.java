package io.alerthook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit JSON Lines file the way an operator's tooling would: line by line, each a JSON object. */
public record AuditFile(Path path) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public List<JsonNode> events() {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(path)) {
                events.add(MAPPER.readTree(line));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events about one alert, in the order they were written. */
    public List<JsonNode> eventsFor(String fingerprint) {
        return events().stream().filter(event -> fingerprint.equals(event.path("fingerprint").asText())).toList();
    }

    public List<JsonNode> eventsFor(String fingerprint, String event) {
        return eventsFor(fingerprint).stream().filter(e -> event.equals(e.path("event").asText())).toList();
    }

    /**
     * What became of one kind of Slack message about the alert, {@code alerts} or {@code heal-report}: its outcomes,
     * without the {@code queued} record of its joining an outbox.
     */
    public List<JsonNode> slackEventsFor(String fingerprint, String message) {
        return eventsFor(fingerprint, "slack").stream()
                .filter(e -> message.equals(e.path("message").asText()) && !e.path("outcome").asText().equals("queued")).toList();
    }
}
