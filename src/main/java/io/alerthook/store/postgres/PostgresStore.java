package io.alerthook.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.store.AuditPage;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.GuardState;
import io.alerthook.store.Approval;
import io.alerthook.store.OutboxMessage;
import io.alerthook.store.SlackThread;
import io.alerthook.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The production engine: the audit records ({@link PostgresAuditWrites}, {@link PostgresAuditReads}), the duplicate
 * window ({@link PostgresNotificationKeys}), the guard states ({@link PostgresGuards}), the Slack outboxes
 * ({@link PostgresOutboxes}), the approvals ({@link PostgresApprovals}) and the replicas' leases and claims
 * ({@link PostgresLeases}) in PostgreSQL tables (schema by Flyway, in db/migration). This class composes their
 * statements into transactions: a call that must be durable commits before it returns. Accepting, recording alone
 * and putting Slack messages in their outboxes go through {@link PostgresRecorder}, which commits whatever waits
 * together.
 */
public final class PostgresStore implements Store, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String url;
    private final PostgresAuditWrites writes;
    private final PostgresNotificationKeys keys;
    private final PostgresGuards guards;
    private final PostgresLeases leases;
    private final PostgresOutboxes outboxes;
    private final PostgresApprovals approvals;
    private final PostgresAuditReads reads;
    private final PostgresRecorder recorder;
    private volatile Observer observer = Observer.NONE;

    public PostgresStore(DataSource dataSource, String url, ObjectMapper mapper, Duration duplicateWindow, String replica) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.writes = new PostgresAuditWrites(jdbc, mapper, replica);
        this.keys = new PostgresNotificationKeys(jdbc, duplicateWindow);
        this.url = url;
        this.guards = new PostgresGuards(jdbc, replica);
        this.leases = new PostgresLeases(jdbc, replica);
        this.outboxes = new PostgresOutboxes(jdbc);
        this.approvals = new PostgresApprovals(jdbc);
        this.reads = new PostgresAuditReads(dataSource, transactions, mapper);
        this.recorder = new PostgresRecorder(jdbc, transactions, writes, keys, outboxes, () -> observer);
        guards.endRunsCutOff();
    }

    /** Committed with whatever else waits to be (see {@link PostgresRecorder}). */
    @Override
    public void record(List<AuditEvent> events) {
        if (!events.isEmpty()) {
            waitFor(recorder.record(events, true));
        }
    }

    /** Committed with whatever else waits to be, after those handed over before (see {@link PostgresRecorder}). */
    @Override
    public void recordLater(List<AuditEvent> events) {
        if (!events.isEmpty()) {
            reportingLater(recorder.record(events, false));
        }
    }

    /**
     * The key and the records commit together: a notification is never a duplicate of one that left no record. With the
     * notifications that wait beside it (see {@link PostgresRecorder}).
     */
    @Override
    public boolean accept(String duplicateKey, List<AuditEvent> received, List<AuditEvent> duplicate) {
        return waitFor(recorder.accept(duplicateKey, received, duplicate));
    }

    @Override
    public void forgetNotification(String duplicateKey) {
        keys.forget(duplicateKey);
    }

    @Override
    public GuardChange changeGuard(String playbook, String fingerprint, BiFunction<GuardState, Instant, GuardState> change) {
        return inTransaction(() -> guards.change(playbook, fingerprint, change));
    }

    /**
     * A refused start (the cooldown, mostly: every repeat of a firing alert) is one read, outside any transaction, since
     * it changes nothing; a start that would be made is decided again in a transaction, under the row's lock.
     */
    @Override
    public GuardChange startRun(String playbook, String fingerprint, int concurrency, BiFunction<GuardState, Instant, GuardState> start) {
        return reportingFailures(() -> guards.refusedStart(playbook, fingerprint, start))
                .orElseGet(() -> inTransaction(() -> guards.start(playbook, fingerprint, concurrency, start)));
    }

    /** Committed with whatever else waits to be, after those handed over before (see {@link PostgresRecorder}). */
    @Override
    public CompletableFuture<Boolean> enqueue(OutboxMessage message, int limit, List<AuditEvent> queued,
                                              Function<OutboxMessage, List<AuditEvent>> coalesced, Supplier<List<AuditEvent>> dropped) {
        return reportingLater(recorder.enqueue(message, limit, queued, coalesced, dropped));
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
        inTransaction(() -> {
            outboxes.remove(message);
            if (thread != null) {
                outboxes.keep(thread);
            }
            return insert(outcome);
        });
    }

    @Override
    public Optional<SlackThread> thread(String destination, String groupKey) {
        return outboxes.thread(destination, groupKey);
    }

    @Override
    public boolean askApproval(Approval approval, List<AuditEvent> asked) {
        return inTransaction(() -> {
            if (!approvals.ask(approval)) {
                return false;
            }
            insert(asked);
            return true;
        });
    }

    @Override
    public Optional<Approval> decideApproval(String playbook, String fingerprint, boolean granted, Function<Approval, List<AuditEvent>> decision) {
        return inTransaction(() -> {
            Optional<Approval> decided = approvals.decide(playbook, fingerprint, granted);
            decided.ifPresent(approval -> insert(decision.apply(approval)));
            return decided;
        });
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

    @Override
    public Claim claim(String sender, Duration lease) {
        return leases.claim(sender, lease);
    }

    @Override
    public List<CutOffRun> heartbeat(Duration lease, Function<CutOffRun, AuditEvent> recordOf) {
        return inTransaction(() -> {
            leases.renew(lease);
            List<CutOffRun> ended = guards.endRunsOfTheDead();
            if (!ended.isEmpty()) {
                insert(ended.stream().map(recordOf).toList());
            }
            return ended;
        });
    }

    @Override
    public List<String> takeOverLapsed() {
        return leases.takeOverLapsed();
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public boolean requestCancel(String playbook, String fingerprint) {
        return guards.requestCancel(playbook, fingerprint);
    }

    @Override
    public List<Run> cancelRequests() {
        return guards.cancelRequests();
    }

    @Override
    public Duration senderWait(String sender) {
        return leases.senderWait(sender);
    }

    @Override
    public void holdSender(String sender, Duration hold) {
        leases.holdSender(sender, hold);
    }

    @Override
    public void releaseClaims() {
        inTransaction(() -> {
            leases.release();
            return null;
        });
    }

    @Override
    public AuditPage search(AuditSearch search) {
        return reads.search(search);
    }

    @Override
    public void replay(Instant since, Consumer<JsonNode> record) {
        reads.replay(since, record);
    }

    /** Also forgets duplicate keys whose window has passed. */
    @Override
    public long forgetBefore(Instant cutoff) {
        jdbc.update("DELETE FROM guard_state WHERE running_since IS NULL AND (last_ended IS NULL OR last_ended < ?)"
                + " AND NOT EXISTS (SELECT FROM unnest(failures) AS failure WHERE failure >= ?)", Timestamp.from(cutoff), Timestamp.from(cutoff));
        outboxes.forgetThreadsBefore(Timestamp.from(cutoff));
        keys.forgetLapsed();
        return jdbc.update("DELETE FROM audit_event WHERE time < ?", Timestamp.from(cutoff));
    }

    @Override
    public Optional<String> problem() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2) ? Optional.empty() : Optional.of("no answer from " + url);
        } catch (SQLException e) {
            return Optional.of("cannot reach " + url + ": " + e.getMessage());
        }
    }

    @Override
    public String location() {
        return url;
    }

    @Override
    public void observe(Observer observer) {
        this.observer = observer;
    }

    /** A duration as PostgreSQL's {@code make_interval(secs => ...)} takes it. */
    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Commits what waits to be (records handed over with {@link #recordLater} too), then stops taking more. */
    @Override
    public void close() {
        recorder.close();
    }

    /** Runs the work in one transaction; a failure says so naming the URL (never the password). */
    private <T> T inTransaction(Supplier<T> work) {
        return reportingFailures(() -> transactions.execute(status -> work.get()));
    }

    /** A failure of the work says so naming the URL (never the password), and the observer hears of it. */
    private <T> T reportingFailures(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException e) {
            throw reported(e);
        }
    }

    /** Waits for the recorder's commit; a failure is reported as {@link #reportingFailures} reports one. */
    private <T> T waitFor(CompletableFuture<T> committed) {
        try {
            return committed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof DataAccessException || e.getCause() instanceof TransactionException
                    ? reported(e.getCause()) : e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * A failure of what nobody waits for is reported as {@link #reportingFailures} reports one, and logged, since no
     * caller can: what it took is made again by recovery at the next start.
     */
    private <T> CompletableFuture<T> reportingLater(CompletableFuture<T> committed) {
        return committed.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("Not committed, to be made again by recovery at the next start: {}",
                        reported(failure instanceof CompletionException completion ? completion.getCause() : failure).getMessage());
            }
        });
    }

    private RuntimeException reported(Throwable error) {
        RuntimeException failure = new IllegalStateException("cannot record in " + url + ": "
                + NestedExceptionUtils.getMostSpecificCause(error).getMessage(), error);
        observer.failed(failure);
        return failure;
    }

    /** Inserts the records in the current transaction; the observer hears of them once it has committed. */
    private List<AuditEvent> insert(List<AuditEvent> recorded) {
        return writes.insert(recorded, observer);
    }
}
