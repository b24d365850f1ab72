package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.store.AuditPage;
import io.alerthook.store.AuditSearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** For {@link FileStore}: what reads the journal, a bounded scan for {@code /audit}, and the replay of its last files. */
final class JournalReads {

    /** The journal replayed at startup: the current file and the one rotated before it. */
    static final int FILES_REPLAYED = 2;

    private final JsonLinesFile journal;
    private final ObjectMapper mapper;

    JournalReads(JsonLinesFile journal, ObjectMapper mapper) {
        this.journal = journal;
        this.mapper = mapper;
    }

    AuditPage search(AuditSearch search) {
        Deque<JsonNode> newest = new ArrayDeque<>(search.limit());
        boolean complete = true;
        try {
            search:
            for (Path file : journal.files()) {
                try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (System.nanoTime() - search.deadline() > 0) {
                            complete = false;
                            break search;
                        }
                        // cheap text checks first: most lines are about other alerts
                        if (search.fingerprint() != null && !line.contains(search.fingerprint())
                                || search.alertname() != null && !line.contains(search.alertname())) {
                            continue;
                        }
                        JsonNode event = mapper.readTree(line);
                        if (matches(event, search)) {
                            if (newest.size() == search.limit()) {
                                newest.removeFirst();
                            }
                            newest.addLast(event);
                        }
                    }
                } catch (NoSuchFileException rotatedAway) {
                    // rotated and deleted while we searched
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> events = new ArrayList<>(newest);
        Collections.reverse(events);
        return new AuditPage(events, complete);
    }

    /** Every record of the last {@value #FILES_REPLAYED} journal files, oldest first. */
    void replay(Consumer<JsonNode> record) {
        replayLines(line -> {
            try {
                record.accept(mapper.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every line of the last {@value #FILES_REPLAYED} journal files, oldest first. */
    void replayLines(Consumer<String> line) {
        try {
            List<Path> files = journal.files();
            for (Path file : files.subList(Math.max(0, files.size() - FILES_REPLAYED), files.size())) {
                if (Files.exists(file)) {
                    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        lines.lines().forEach(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(JsonNode event, AuditSearch search) {
        return (search.alertname() == null || search.alertname().equals(event.path("alertname").asText()))
                && (search.event() == null || search.event().wire().equals(event.path("event").asText()))
                && (search.outcome() == null || search.outcome().wire().equals(event.path("outcome").asText()))
                && (search.fingerprint() == null || search.fingerprint().equals(event.path("fingerprint").asText()))
                && (search.since() == null || !Instant.parse(event.path("time").asText()).isBefore(search.since()));
    }
}
