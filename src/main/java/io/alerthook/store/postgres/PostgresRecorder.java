package io.alerthook.store.postgres;

import io.alerthook.audit.AuditEvent;
import io.alerthook.store.GroupCommit;
import io.alerthook.store.Store.Observer;
import io.alerthook.store.postgres.PostgresAuditWrites.Rows;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * For {@link PostgresStore}: accepts notifications and records the records that go with no other change, as group
 * commits ({@link GroupCommit}). Whatever waits goes in one transaction: the duplicate keys in one statement, the
 * records in one batch, one commit. Per notification that was a transaction of its own, with three round trips and a
 * commit; on two cores that capped the PostgreSQL store near 590 notifications/s (bench/README.md).
 */
final class PostgresRecorder implements AutoCloseable {

    /** Records per group at most: a group of full notifications (1,000 alerts each) still commits within a second. */
    private static final int MAX_GROUP_RECORDS = 2_000;

    /**
     * A notification to accept ({@code duplicateKey}): its {@code received} records, or its {@code duplicate} records if
     * its key is kept already; or records alone (no key, only {@code received}). The received rows are made by the
     * caller; the duplicate ones, seldom needed, only by the writer when they are.
     */
    private record Recording(String duplicateKey, Rows received, List<AuditEvent> duplicate, long handedOver) {

        int records() {
            return Math.max(received.values().size(), duplicate.size());
        }
    }

    /** Whether a notification was accepted (not a duplicate), and the records committed for it. */
    private record Committed(boolean accepted, List<AuditEvent> recorded) {
    }

    private final TransactionTemplate transactions;
    private final PostgresAuditWrites writes;
    private final PostgresNotificationKeys keys;
    private final Supplier<Observer> observer;
    private final GroupCommit<Recording, Committed> writer;

    PostgresRecorder(TransactionTemplate transactions, PostgresAuditWrites writes, PostgresNotificationKeys keys, Supplier<Observer> observer) {
        this.transactions = transactions;
        this.writes = writes;
        this.keys = keys;
        this.observer = observer;
        // a group may fail for one notification's text (PostgreSQL refuses some characters); not when the database is lost
        this.writer = new GroupCommit<>("writer-postgres", MAX_GROUP_RECORDS, Recording::records, this::commit,
                failure -> failure instanceof DataAccessException && !(failure instanceof DataAccessResourceFailureException));
    }

    /** Whether the notification was accepted (not a duplicate), once its records are committed. */
    CompletableFuture<Boolean> accept(String duplicateKey, List<AuditEvent> received, List<AuditEvent> duplicate) {
        return observed(new Recording(duplicateKey, writes.rows(received), duplicate, System.nanoTime()));
    }

    /** Completes once the records are committed. */
    CompletableFuture<Boolean> record(List<AuditEvent> events) {
        return observed(new Recording(null, writes.rows(events), List.of(), System.nanoTime()));
    }

    /** The observer hears of the records once committed (after the commit, so that nothing it does can undo it). */
    private CompletableFuture<Boolean> observed(Recording recording) {
        return writer.submit(recording).thenApply(committed -> {
            if (!committed.recorded().isEmpty()) {
                observer.get().recorded(committed.recorded(), System.nanoTime() - recording.handedOver());
            }
            return committed.accepted();
        });
    }

    private List<Committed> commit(List<Recording> group) {
        return transactions.execute(status -> {
            Set<String> kept = keep(group.stream().map(Recording::duplicateKey).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
            List<Committed> results = new ArrayList<>(group.size());
            List<Object[]> rows = new ArrayList<>();
            for (Recording recording : group) {
                // of copies accepted together, the first is accepted and the others are its duplicates
                boolean accepted = recording.duplicateKey() == null || kept.remove(recording.duplicateKey());
                Rows recorded = accepted ? recording.received() : writes.rows(recording.duplicate());
                results.add(new Committed(accepted, recorded.events()));
                rows.addAll(recorded.values());
            }
            writes.insert(rows);
            return results;
        });
    }

    private Set<String> keep(Set<String> duplicateKeys) {
        return duplicateKeys.isEmpty() ? new HashSet<>() : keys.keep(duplicateKeys);
    }

    /** Commits what waits, then stops. */
    @Override
    public void close() {
        writer.close();
    }
}
