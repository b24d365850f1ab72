package io.alerthook.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.alerthook.audit.AuditEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Where alerthook keeps what must outlive a request: the audit records (which are also what recovery reads), the
 * duplicate window, the healing guard's state, the Slack outboxes and the Slack threads. Two engines, chosen by {@code alerthook.store}: {@code file} (the default: a JSON Lines journal and
 * memory, nothing to set up) and {@code postgres} (tables, for production). Routes and rules never know which runs;
 * the same contract tests run against both.
 */
public interface Store {

    /** Durable when this returns: a record that was recorded survives a crash. Throws if it cannot be made so. */
    void record(List<AuditEvent> events);

    /**
     * Records a decision to do nothing more with an alert (left out by a filter, turned away by the heal guard, no
     * playbook): durable soon after, not necessarily when this returns, so that dispatch and healing do not wait for a
     * disk or a commit per alert. A decision a crash takes in between is made again by recovery, since its alert then
     * has no record of it (as for {@link #enqueue}). The records keep their order with those of {@link #record},
     * {@link #accept}, {@link #enqueue} and {@code recordLater} (PostgreSQL: not necessarily with the records of the
     * other calls, each of which commits its own records with its change).
     */
    void recordLater(List<AuditEvent> events);

    /**
     * Accepts a notification, durable when this returns, in one step so that no crash can separate the two: unless its
     * duplicate key was accepted within the duplicate window ({@code alerthook.intake.duplicate-window}), the key is
     * kept and the {@code received} records are recorded, and this returns true; otherwise only the {@code duplicate}
     * records are, and it returns false. Of copies arriving at once, exactly one is accepted.
     */
    boolean accept(String duplicateKey, List<AuditEvent> received, List<AuditEvent> duplicate);

    /** Forgets an accepted key: the notification could not be handed on, so its retry must not count as a duplicate. */
    void forgetNotification(String duplicateKey);

    /**
     * Changes what the healing guard knows of {@code playbook}'s runs for the alert {@code fingerprint}, atomically: of
     * changes to one playbook and alert at once, each sees what the one before it left. The change is given the store's
     * time (PostgreSQL: the database's {@code now()}, so replicas whose clocks differ decide alike). Returns the state as
     * it was before the change ({@link GuardState#NONE} when nothing is kept), with that time. The state is kept across
     * a restart, except the run that was going on: a run cut off counts as ended when it started.
     */
    GuardChange changeGuard(String playbook, String fingerprint, BiFunction<GuardState, Instant, GuardState> change);

    /**
     * Starts a run the way {@link #changeGuard} changes a state ({@code start} decides whether it may), if fewer than
     * {@code concurrency} runs of {@code playbook}, for other alerts, go on in every alerthook sharing the store; if as
     * many go on, nothing changes and the answer is {@linkplain GuardChange#busy busy}. Starts of one playbook are taken
     * one at a time across alerthooks, so the limit holds for them all (PostgreSQL: a transaction-level advisory lock).
     */
    GuardChange startRun(String playbook, String fingerprint, int concurrency, BiFunction<GuardState, Instant, GuardState> start);

    /**
     * A guard state before a change, and the store's time the change was made at; {@code busy}: a start was not made
     * because the playbook's concurrency was taken ({@link #startRun}).
     */
    record GuardChange(GuardState before, Instant at, boolean busy) {

        public GuardChange(GuardState before, Instant at) {
            this(before, at, false);
        }
    }

    /**
     * Puts a message in its destination's outbox, with its {@code queued} records. If a message with the same coalescing
     * key waits there that no sender has taken yet, the new one takes its place (and its id), and the old one leaves
     * with the records {@code coalesced} makes of it: the outbox holds at most one such message per key, so a storm of
     * one group never fills it, and the group's newest state goes out when its turn comes. Otherwise the message goes at
     * the end, unless the outbox holds {@code limit} messages already: then it is dropped, with the records
     * {@code dropped} makes, in the same step. Returns at once, without waiting for a disk or a commit (dispatch
     * puts a message per notification group): the answer completes with whether the message was kept once
     * {@link #head} and {@link #waiting} see the step (PostgreSQL: once committed, with the records handed over before,
     * see {@link #recordLater}; the file store: at once). Durable soon after: a message a crash takes in between is
     * made again by recovery, since its alerts then have no Slack record.
     */
    CompletableFuture<Boolean> enqueue(OutboxMessage message, int limit, List<AuditEvent> queued,
                                       Function<OutboxMessage, List<AuditEvent>> coalesced, Supplier<List<AuditEvent>> dropped);

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

    /**
     * Says this alerthook is alive for {@code lease} from now, renewing its claims for as long (also while its sends
     * take long), and ends the heal runs of the alerthooks whose own lease has passed (they died, or lost the store):
     * such a run counts as ended when it started, as after a restart, and what {@code recordOf} makes of it is
     * recorded in the same step (so that no other alerthook taking over sees the run ended and not recorded). Returns
     * those runs.
     */
    List<CutOffRun> heartbeat(Duration lease, Function<CutOffRun, AuditEvent> recordOf);

    /** A heal run that another alerthook was running when it was last heard of. */
    record CutOffRun(String playbook, String fingerprint, String runner, Instant started) {
    }

    /**
     * The alerthooks not heard of for their lease whose runs are all ended ({@link #heartbeat}) and whose other unfinished
     * work (alerts they acknowledged and had not handed to Slack or healing yet) this one now takes up: each is returned
     * to one alerthook only, once. The file store has one alerthook: none.
     */
    List<String> takeOverLapsed();

    /** Whether other alerthooks may share this store: then each takes up at startup only what it left undone itself. */
    boolean isShared();

    /**
     * Asks the alerthook running {@code playbook}'s command for the alert to cancel it (it learns at its next
     * {@link #cancelRequests}); false if no run is going on. The file store's runs are all its one alerthook's, which
     * cancels them itself: false.
     */
    boolean requestCancel(String playbook, String fingerprint);

    /** The runs of this alerthook that another asked to cancel since the last call. */
    List<Run> cancelRequests();

    /** A playbook's run for an alert. */
    record Run(String playbook, String fingerprint) {
    }

    /** Gives up this alerthook's lease and claims, so that another takes them over at once (a graceful stop). */
    void releaseClaims();

    /**
     * Asks for approval of a playbook's run for an alert, with the {@code asked} records, unless it is asked already, or
     * granted and not yet taken: then nothing changes and this returns false.
     */
    boolean askApproval(Approval approval, List<AuditEvent> asked);

    /**
     * Decides the approval asked for the playbook and alert, with the records {@code decision} makes of it, in one step: granted (its next run may go,
     * once: {@link #takeApproval}), or not (forgotten). Of decisions at once, on any alerthook, one counts: the others,
     * and one on an approval no longer asked (decided, or lapsed), find none and record nothing.
     */
    Optional<Approval> decideApproval(String playbook, String fingerprint, boolean granted, Function<Approval, List<AuditEvent>> decision);

    /** Whether a run of the playbook for the alert was approved; if so, the approval is used up by this run. */
    boolean takeApproval(String playbook, String fingerprint);

    /** The approvals still asked whose deadline has passed (the store's time). */
    List<Approval> lapsedApprovals();

    /** The newest records that match, newest first. */
    AuditPage search(AuditSearch search);

    /** The records from {@code since} on (an engine may give some older ones first), oldest first, as written. */
    void replay(Instant since, Consumer<JsonNode> record);

    /**
     * Forgets the records older than {@code cutoff} (retention), and guard states that neither run nor hold an end or a
     * failure since then; returns how many records it forgot, as far as it knows.
     */
    long forgetBefore(Instant cutoff);

    /** Why records cannot be recorded now; empty if they can. */
    Optional<String> problem();

    /** Where the records go, for the startup log and health (a path or a JDBC URL, never a password). */
    String location();

    void observe(Observer observer);

    /** Told of every record once it is durable, e.g. to count what the records say. */
    interface Observer {

        Observer NONE = new Observer() {
        };

        /** The records are durable; {@code nanos} since the caller handed them over. */
        default void recorded(List<AuditEvent> events, long nanos) {
        }

        default void failed(RuntimeException error) {
        }
    }
}
