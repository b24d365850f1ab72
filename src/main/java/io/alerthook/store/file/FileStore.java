package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.AuditPage;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.GuardState;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The default engine: the audit records in a JSON Lines journal (group commit, rotation; see {@link JsonLinesFile}),
 * the duplicate window and the guard states in memory, taken back from the journal when the store opens (the
 * {@code received} records hold the duplicate keys, the heal records what the guard knew). Nothing to set up, and
 * nothing it keeps needs a transaction or an index: appends are atomic per call, a search is a bounded scan.
 */
public final class FileStore implements Store, Closeable {

    /** The journal replayed at startup: the current file and the one rotated before it. */
    private static final int FILES_REPLAYED = 2;

    private final JsonLinesFile journal;
    private final ObjectMapper mapper;
    private final DuplicateWindow window;
    /** By playbook and fingerprint ({@code playbook/fingerprint}: playbook names cannot hold '/'). */
    private final Map<String, GuardState> guards = new ConcurrentHashMap<>();
    private volatile Observer observer = Observer.NONE;

    public FileStore(JsonLinesFile journal, ObjectMapper mapper, Duration duplicateWindow, int duplicateKeys, Clock clock) {
        this.journal = journal;
        this.mapper = mapper;
        this.window = new DuplicateWindow(duplicateWindow, duplicateKeys, clock);
        takeBackFromTheJournal();
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
    public GuardState changeGuard(String playbook, String fingerprint, UnaryOperator<GuardState> change) {
        GuardState[] before = new GuardState[1];
        guards.compute(playbook + "/" + fingerprint, (key, state) -> {
            before[0] = state == null ? GuardState.NONE : state;
            GuardState after = change.apply(before[0]);
            return after.isEmpty() ? null : after;
        });
        return before[0];
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
        guards.values().removeIf(state -> !state.isRunning() && state.failuresSince(cutoff).failures().isEmpty()
                && (state.lastEnded() == null || state.lastEnded().isBefore(cutoff)));
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

    private void takeBackFromTheJournal() {
        replayLines(line -> {
            // only "received" records carry a duplicate key, and only heal records tell the guard: parse just those
            boolean received = line.contains("\"duplicateKey\"");
            if (!received && !line.contains("\"event\":\"heal\"")) {
                return;
            }
            JsonNode record;
            try {
                record = mapper.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Instant at = Instant.parse(record.path("time").asText());
            if (received) {
                window.remember(record.get("duplicateKey").asText(), at);
                return;
            }
            Outcome outcome = Outcome.of(record.path("outcome").asText());
            if (Event.of(record.path("event").asText()) == Event.HEAL && record.hasNonNull("playbook") && outcome != null && outcome.isHealRun()) {
                changeGuard(record.get("playbook").asText(), record.path("fingerprint").asText(), state -> state.recorded(outcome, at));
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
