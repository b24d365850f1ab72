package io.alerthook.store;

import io.alerthook.audit.AuditEvent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Slack outboxes (one per destination, kept in order across restarts), the threads a Slack app's messages left,
 * and who may send for a webhook now: of the alerthooks sharing a store, one at a time (see {@link Store}).
 */
public interface Outboxes {

    /**
     * Puts a message in its destination's outbox, with its {@code queued} records. If a message with the same coalescing
     * key waits there that no sender has taken yet, the new one takes its place (and its id), and the old one leaves
     * with the records {@code coalesced} makes of it: the outbox holds at most one such message per key, so a storm of
     * one group never fills it, and the group's newest state goes out when its turn comes. Otherwise the message goes at
     * the end, unless the outbox holds {@code limit} messages already: then it is dropped, with the records
     * {@code dropped} makes, in the same step. Returns at once, without waiting for a disk or a commit (dispatch
     * puts a message per notification group): the answer completes with whether the message was kept once
     * {@link #head} and {@link #waiting} see the step (PostgreSQL: once committed, with the records handed over
     * before, see {@link AuditLog#recordLater}; the file store: at once). Durable soon after: a message a crash takes
     * in between is made again by recovery, since its alerts then have no Slack record.
     */
    CompletableFuture<Boolean> enqueue(OutboxMessage message, int limit, List<AuditEvent> queued,
                                       Function<OutboxMessage, List<AuditEvent>> coalesced,
                                       Supplier<List<AuditEvent>> dropped);

    /**
     * Takes the oldest message in a destination's outbox, if any: it stays there until it is {@link #done}, and counts
     * as {@linkplain OutboxMessage#taken taken} once more. PostgreSQL keeps that count, so a message whose sender died
     * while sending it comes to the next with {@code taken > 1}; the file store counts in memory only.
     */
    Optional<OutboxMessage> head(String destination);

    /** Whether a newer message with the same coalescing key waits in the outbox. */
    boolean isSuperseded(OutboxMessage message);

    /** The message leaves its outbox and its outcome is recorded, in one durable step. */
    default void done(OutboxMessage message, List<AuditEvent> outcome) {
        done(message, outcome, null);
    }

    /**
     * As {@link #done(OutboxMessage, List)}, and, in the same step, {@code thread} (if not null) becomes what is kept of
     * its incident's Slack thread.
     */
    void done(OutboxMessage message, List<AuditEvent> outcome, SlackThread thread);

    /** The Slack thread last kept for the group at the destination, resolved or not; empty if none is. */
    Optional<SlackThread> thread(String destination, String groupKey);

    /** How many messages wait in a destination's outbox. */
    int waiting(String destination);

    /**
     * Claims, or goes on claiming, the right to send for {@code sender} (a Slack webhook) for {@code lease} from now.
     * Of the alerthooks sharing a store, one holds a sender at a time, so a webhook's pace and order are kept across
     * them; a claim not renewed within its lease (its holder died, or lost the store) passes to the next that asks.
     */
    Claim claim(String sender, Duration lease);

    /**
     * Whether this alerthook holds the claim now, and, if it has just taken it over from another whose lease had
     * passed, which ({@code takenFrom}; null otherwise, also when the other gave it up at a graceful stop).
     */
    record Claim(boolean held, String takenFrom) {

        public static final Claim HELD = new Claim(true, null);
        public static final Claim HELD_ELSEWHERE = new Claim(false, null);
    }

    /**
     * How long from now {@code sender} must not be posted to, as the alerthook that sent for it last left it
     * ({@link #holdSender}); zero if it may be now. So a webhook's pace, and a 429's {@code Retry-After}, hold whichever
     * alerthook sends for it next. The file store has one alerthook, which paces itself: zero.
     */
    Duration senderWait(String sender);

    /** Records that {@code sender} must not be posted to for {@code hold} from now, for whoever sends for it next. */
    void holdSender(String sender, Duration hold);
}
