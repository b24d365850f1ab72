package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.Approval;
import io.alerthook.store.AuditPage;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.GuardState;
import io.alerthook.store.OutboxMessage;
import io.alerthook.store.SlackThread;
import io.alerthook.store.Store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The default engine: the audit records in a JSON Lines journal (group commit, rotation; see {@link JsonLinesFile}),
 * the duplicate window, the guard states, the Slack outboxes and threads in memory, taken back from the journal when the
 * store opens: the {@code received} records hold the duplicate keys, the heal records what the guard knew, the
 * {@code queued} records the messages that no later record took out ({@link FileOutboxes}), and the outcomes of the
 * messages the threads they changed ({@link FileThreads}). Nothing to set up, and nothing it keeps needs a transaction or an index: appends are
 * atomic per call, a search is a bounded scan.
 */
public final class FileStore implements Store, Closeable {

    private final JsonLinesFile journal;
    private final ObjectMapper mapper;
    private final DuplicateWindow window;
    private final String replica;
    /** By playbook and fingerprint ({@code playbook/fingerprint}: playbook names cannot hold '/'). */
    private final FileGuards guards;
    private final FileOutboxes outboxes;
    private final JournalReads reads;
    private final FileThreads threads;
    private final FileApprovals approvals;
    private final Clock clock;
    private volatile Observer observer = Observer.NONE;

    public FileStore(JsonLinesFile journal, ObjectMapper mapper, Duration duplicateWindow, int duplicateKeys, Clock clock, String replica) {
        this.journal = journal;
        this.replica = replica;
        this.mapper = mapper;
        this.window = new DuplicateWindow(duplicateWindow, duplicateKeys, clock);
        this.reads = new JournalReads(journal, mapper);
        this.guards = new FileGuards(clock);
        this.outboxes = new FileOutboxes();
        this.threads = new FileThreads(mapper);
        this.approvals = new FileApprovals(mapper, clock);
        this.clock = clock;
        takeBackFromTheJournal();
    }

    @Override
    public void record(List<AuditEvent> recorded) {
        long start = System.nanoTime();
        List<AuditEvent> events = byThisReplica(recorded);
        try {
            journal.append(events);
        } catch (RuntimeException e) {
            observer.failed(e);
            throw e;
        }
        observer.recorded(events, System.nanoTime() - start);
    }

    @Override
    public void recordLater(List<AuditEvent> events) {
        appendLater(byThisReplica(events));
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
    public GuardChange changeGuard(String playbook, String fingerprint, BiFunction<GuardState, Instant, GuardState> change) {
        return guards.change(playbook, fingerprint, change);
    }

    @Override
    public GuardChange startRun(String playbook, String fingerprint, int concurrency, BiFunction<GuardState, Instant, GuardState> start) {
        return guards.start(playbook, fingerprint, concurrency, start);
    }

    /** In memory at once: the answer is complete when this returns; the records reach the journal soon after. */
    @Override
    public CompletableFuture<Boolean> enqueue(OutboxMessage message, int limit, List<AuditEvent> queued,
                                              Function<OutboxMessage, List<AuditEvent>> coalesced, Supplier<List<AuditEvent>> dropped) {
        boolean kept = outboxes.enqueue(message, limit, byThisReplica(queued), replaced -> byThisReplica(coalesced.apply(replaced)), this::appendLater);
        if (!kept) {
            appendLater(byThisReplica(dropped.get()));
        }
        return CompletableFuture.completedFuture(kept);
    }

    /** Hands the records to the journal's writer without waiting for them to reach the disk. */
    private void appendLater(List<AuditEvent> records) {
        long start = System.nanoTime();
        journal.appendLater(records).whenComplete((written, failure) -> {
            if (failure == null) {
                observer.recorded(records, System.nanoTime() - start);
            } else {
                observer.failed(failure instanceof RuntimeException error ? error : new IllegalStateException(failure));
            }
        });
    }

    @Override
    public Optional<OutboxMessage> head(String destination) {
        return outboxes.head(destination);
    }

    @Override
    public boolean isSuperseded(OutboxMessage message) {
        return outboxes.isSuperseded(message);
    }

    @Override
    public void done(OutboxMessage message, List<AuditEvent> outcome, SlackThread thread) {
        List<AuditEvent> records = FileOutboxes.takingOut(message, outcome);
        record(thread == null ? records : threads.carrying(thread, records));
        outboxes.remove(message);
        if (thread != null) {
            threads.keep(thread, clock.instant());
        }
    }

    @Override
    public Optional<SlackThread> thread(String destination, String groupKey) {
        return threads.thread(destination, groupKey);
    }

    @Override
    public boolean askApproval(Approval approval, List<AuditEvent> asked) {
        return approvals.ask(approval, asked, this::record);
    }

    @Override
    public Optional<Approval> decideApproval(String playbook, String fingerprint, boolean granted, Function<Approval, List<AuditEvent>> decision) {
        return approvals.decide(playbook, fingerprint, granted, decision, this::record);
    }

    @Override
    public boolean takeApproval(String playbook, String fingerprint) {
        return approvals.take(playbook, fingerprint);
    }

    @Override
    public List<Approval> lapsedApprovals() {
        return approvals.lapsed();
    }

    @Override
    public int waiting(String destination) {
        return outboxes.waiting(destination);
    }

    private List<AuditEvent> byThisReplica(List<AuditEvent> events) {
        return events.stream().map(event -> event.by(replica)).toList();
    }

    /** A journal has one alerthook: it holds every claim. */
    @Override
    public Claim claim(String sender, Duration lease) {
        return Claim.HELD;
    }

    /** A journal has one alerthook: nobody else's work to take over. */
    @Override
    public List<String> takeOverLapsed() {
        return List.of();
    }

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public Duration senderWait(String sender) {
        return Duration.ZERO;
    }

    @Override
    public void holdSender(String sender, Duration hold) {
        // see senderWait
    }

    /** A journal has one alerthook: nobody else's runs to end. */
    @Override
    public List<CutOffRun> heartbeat(Duration lease, Function<CutOffRun, AuditEvent> recordOf) {
        return List.of();
    }

    @Override
    public void releaseClaims() {
        // nothing to give up: see claim
    }

    @Override
    public boolean requestCancel(String playbook, String fingerprint) {
        return false;
    }

    @Override
    public List<Run> cancelRequests() {
        return List.of();
    }

    @Override
    public AuditPage search(AuditSearch search) {
        return reads.search(search);
    }

    /** Reads the last journal files whole, whatever {@code since} says (see {@link JournalReads}). */
    @Override
    public void replay(Instant since, Consumer<JsonNode> record) {
        reads.replay(record);
    }

    /** Whole rotated files go, once their newest record is older than the cutoff; counts files, not records. */
    @Override
    public long forgetBefore(Instant cutoff) {
        guards.forgetBefore(cutoff);
        threads.forgetBefore(cutoff);
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
        reads.replayLines(line -> {
            // only "received" records carry a duplicate key, heal records tell the guard, and the first records of a
            // Slack message in and out of its outbox tell the outboxes: parse just those
            boolean received = line.contains("\"duplicateKey\"");
            boolean outbox = FileOutboxes.mayConcern(line);
            if (!received && !outbox && !line.contains("\"event\":\"heal\"")) {
                return;
            }
            JsonNode record;
            try {
                record = mapper.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Instant at = Instant.parse(record.path("time").asText());
            Outcome outcome = Outcome.of(record.path("outcome").asText());
            if (received) {
                window.remember(record.get("duplicateKey").asText(), at);
            } else if (outbox) {
                outboxes.takeBack(record);
                threads.takeBack(record, at);
            } else if (Event.of(record.path("event").asText()) == Event.HEAL && record.hasNonNull("playbook")) {
                approvals.takeBack(record);
                if (outcome != null && outcome.isHealRun()) {
                    changeGuard(record.get("playbook").asText(), record.path("fingerprint").asText(), (state, now) -> state.recorded(outcome, at));
                }
            }
        });
        outboxes.opened();
    }
}
