package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.store.AuditPage;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.Store;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The default engine: the audit records in a JSON Lines journal (group commit, rotation; see {@link JsonLinesFile}),
 * the duplicate window in memory, filled from the journal when the store opens. Nothing to set up, and nothing it
 * keeps needs a transaction or an index: appends are atomic per call, a search is a bounded scan.
 */
public final class FileStore implements Store, Closeable {

    /** The journal replayed at startup: the current file and the one rotated before it. */
    private static final int FILES_REPLAYED = 2;

    private final JsonLinesFile journal;
    private final ObjectMapper mapper;
    private final DuplicateWindow window;
    private volatile Observer observer = Observer.NONE;

    public FileStore(JsonLinesFile journal, ObjectMapper mapper, Duration duplicateWindow, int duplicateKeys, Clock clock) {
        this.journal = journal;
        this.mapper = mapper;
        this.window = new DuplicateWindow(duplicateWindow, duplicateKeys, clock);
        rememberDuplicateKeys();
    }

    @Override
    public void record(List<AuditEvent> events) {
        long start = System.nanoTime();
        try {
            journal.append(events);
        } catch (RuntimeException e) {
            observer.failed(e);
            throw e;
        }
        observer.recorded(events, System.nanoTime() - start);
    }

    @Override
    public boolean accept(String duplicateKey, List<AuditEvent> received, List<AuditEvent> duplicate) {
        boolean accepted = window.keep(duplicateKey);
        try {
            record(accepted ? received : duplicate);
        } catch (RuntimeException notRecorded) {
            if (accepted) {
                window.forget(duplicateKey);
            }
            throw notRecorded;
        }
        return accepted;
    }

    @Override
    public void forgetNotification(String duplicateKey) {
        window.forget(duplicateKey);
    }

    @Override
    public AuditPage search(AuditSearch search) {
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

    /** Reads the last {@value #FILES_REPLAYED} journal files whole, whatever {@code since} says. */
    @Override
    public void replay(Instant since, Consumer<JsonNode> record) {
        replayLines(line -> {
            try {
                record.accept(mapper.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whole rotated files go, once their newest record is older than the cutoff; counts files, not records. */
    @Override
    public long forgetBefore(Instant cutoff) {
        try {
            return journal.deleteRotatedBefore(cutoff);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> problem() {
        return journal.problem();
    }

    @Override
    public String location() {
        return journal.file().toAbsolutePath().toString();
    }

    @Override
    public void observe(Observer observer) {
        this.observer = observer;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private void rememberDuplicateKeys() {
        replayLines(line -> {
            // only "received" records carry a duplicate key: parse just those
            if (line.contains("\"duplicateKey\"")) {
                try {
                    JsonNode record = mapper.readTree(line);
                    window.remember(record.get("duplicateKey").asText(), Instant.parse(record.path("time").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private void replayLines(Consumer<String> line) {
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
