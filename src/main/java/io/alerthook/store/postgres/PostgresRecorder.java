package io.alerthook.store.postgres;

import io.alerthook.audit.AuditEvent;
import io.alerthook.store.AuditLog.Observer;
import io.alerthook.store.GroupCommit;
import io.alerthook.store.OutboxMessage;
import io.alerthook.store.postgres.PostgresAuditWrites.Rows;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * For {@link PostgresStore}: accepts notifications, puts Slack messages in their outboxes and records the records that
 * go with no other change, as group commits ({@link GroupCommit}). Whatever waits goes in one transaction: the
 * duplicate keys in one statement, the outbox changes, the records in one batch, one commit. Per notification those
 * were two transactions of their own, with eight round trips and two commits; on two cores that capped the PostgreSQL
 * store near 590 notifications/s (bench/README.md).
 */
final class PostgresRecorder implements AutoCloseable {

    /** Records per group at most: a group of full notifications (1,000 alerts each) still commits within a second. */
    private static final int MAX_GROUP_RECORDS = 2_000;

    /** What the writer commits; {@code waitedFor}: its caller waits for the commit, which must then reach the disk. */
    private sealed interface Item {

        int records();

        boolean waitedFor();

        long handedOver();
    }

    /**
     * A notification to accept ({@code duplicateKey}): its {@code received} records, or its {@code duplicate} records if
     * its key is kept already; or records alone (no key, only {@code received}). The received rows are made by the
     * caller; the duplicate ones, seldom needed, only by the writer when they are.
     */
    private record Recording(String duplicateKey, Rows received, List<AuditEvent> duplicate, boolean waitedFor, long handedOver)
            implements Item {

        @Override
        public int records() {
            return Math.max(received.values().size(), duplicate.size());
        }
    }

    /** A Slack message for its outbox (see {@link io.alerthook.store.Store#enqueue}); nobody waits for it. */
    private record Enqueuing(OutboxMessage message, int limit, Rows queued, Function<OutboxMessage, List<AuditEvent>> coalesced,
                             Supplier<List<AuditEvent>> dropped, long handedOver) implements Item {

        @Override
        public int records() {
            return queued.values().size();
        }

        @Override
        public boolean waitedFor() {
            return false;
        }
    }

    /**
     * Whether a notification was accepted (not a duplicate) or a message kept (its outbox was not full), and the records
     * committed for it.
     */
    private record Committed(boolean taken, Rows recorded) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PostgresAuditWrites writes;
    private final PostgresNotificationKeys keys;
    private final PostgresOutboxes outboxes;
    private final Supplier<Observer> observer;
    private final GroupCommit<Item, Committed> writer;

    PostgresRecorder(JdbcTemplate jdbc, TransactionTemplate transactions, PostgresAuditWrites writes, PostgresNotificationKeys keys,
                     PostgresOutboxes outboxes, Supplier<Observer> observer) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writes = writes;
        this.keys = keys;
        this.outboxes = outboxes;
        this.observer = observer;
        // a group may fail for one item's text (PostgreSQL refuses some characters) or a deadlock between replicas; not
        // when the database is lost
        this.writer = new GroupCommit<>("writer-postgres", MAX_GROUP_RECORDS, Item::records, this::commit,
                failure -> failure instanceof DataAccessException && !(failure instanceof DataAccessResourceFailureException));
    }

    /** Whether the notification was accepted (not a duplicate), once its records are committed. */
    CompletableFuture<Boolean> accept(String duplicateKey, List<AuditEvent> received, List<AuditEvent> duplicate) {
        return observed(new Recording(duplicateKey, writes.rows(received), duplicate, true, System.nanoTime()));
    }

    /** Completes once the records are committed; {@code waitedFor}: the commit reaches the disk first. */
    CompletableFuture<Boolean> record(List<AuditEvent> events, boolean waitedFor) {
        return observed(new Recording(null, writes.rows(events), List.of(), waitedFor, System.nanoTime()));
    }

    /** Whether the message was kept (else dropped, on record), once committed. */
    CompletableFuture<Boolean> enqueue(OutboxMessage message, int limit, List<AuditEvent> queued,
                                       Function<OutboxMessage, List<AuditEvent>> coalesced, Supplier<List<AuditEvent>> dropped) {
        return observed(new Enqueuing(message, limit, writes.rows(queued), coalesced, dropped, System.nanoTime()));
    }

    /** The observer hears of the records once committed (after the commit, so that nothing it does can undo it). */
    private CompletableFuture<Boolean> observed(Item item) {
        return writer.submit(item).thenApply(committed -> {
            if (!committed.recorded().events().isEmpty()) {
                observer.get().recorded(committed.recorded().events(), System.nanoTime() - item.handedOver());
            }
            return committed.taken();
        });
    }

    private List<Committed> commit(List<Item> group) {
        return transactions.execute(status -> {
            if (group.stream().noneMatch(Item::waitedFor)) {
                // nobody waits: what a crash of the database takes is made again by recovery (see Store#recordLater)
                jdbc.execute("SET LOCAL synchronous_commit = off");
            }
            Set<String> kept = keep(group.stream().map(item -> item instanceof Recording recording ? recording.duplicateKey() : null)
                    .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new)));
            List<Committed> results = new ArrayList<>(group.size());
            List<Object[]> rows = new ArrayList<>();
            for (Item item : group) {
                Committed committed = item instanceof Recording recording ? recorded(recording, kept) : enqueued((Enqueuing) item);
                results.add(committed);
                rows.addAll(committed.recorded().values());
            }
            writes.insert(rows);
            return results;
        });
    }

    /** Of copies accepted together ({@code kept}: the keys not yet taken), the first is accepted, the others are its duplicates. */
    private Committed recorded(Recording recording, Set<String> kept) {
        boolean accepted = recording.duplicateKey() == null || kept.remove(recording.duplicateKey());
        return new Committed(accepted, accepted ? recording.received() : writes.rows(recording.duplicate()));
    }

    private Committed enqueued(Enqueuing enqueuing) {
        Optional<OutboxMessage> replaced = outboxes.replaceUntaken(enqueuing.message());
        if (replaced.isPresent()) {
            return new Committed(true, writes.rows(enqueuing.coalesced().apply(replaced.get())).and(enqueuing.queued()));
        }
        return outboxes.add(enqueuing.message(), enqueuing.limit()) ? new Committed(true, enqueuing.queued())
                : new Committed(false, writes.rows(enqueuing.dropped().get()));
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
