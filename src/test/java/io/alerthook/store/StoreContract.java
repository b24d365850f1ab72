package io.alerthook.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.Notification;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.AuditTrail;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the flow relies on from a store, whichever engine runs: each engine's test extends this with a store over
 * storage of its own, opened again to stand for a restart. The duplicate window is {@link #WINDOW}. One nested contract
 * per part of {@link Store} ({@link AuditLog}, {@link Guards}, {@link Outboxes}, {@link Approvals}); the replicas' part
 * is PostgreSQL's alone, in its engine's test.
 */
public abstract class StoreContract {

    protected static final Duration WINDOW = Duration.ofSeconds(2);
    protected static final ObjectMapper MAPPER = new ObjectMapper();
    /** The replica the stores under test write as. */
    protected static final String REPLICA = "contract-replica";
    /** A guard change that changes nothing: to read a guard state. */
    private static final BiFunction<GuardState, Instant, GuardState> KEEP = (state, now) -> state;

    private final List<String> observed = new ArrayList<>();

    /** A store over this test's storage, as after a restart: the one opened before is closed, what it recorded kept. */
    protected abstract Store open() throws Exception;

    /** Closes the store {@link #open} opened last. */
    protected abstract void close() throws Exception;

    /** JUnit runs an overridden {@code @AfterEach} method only if the override has the annotation too: hence not on close. */
    @AfterEach
    void closeTheStore() throws Exception {
        close();
    }

    /** What {@link AuditLog} keeps: the records, in order and across restarts, and the duplicate window. */
    @Nested
    class AuditLogContract {

        @Test
        void findsTheNewestMatchingRecordsFirst() throws Exception {
            Store store = open();
            Notification notification = notification("search");
            AlertEvent alert = notification.alertEvents().get(0);
            new AuditTrail(store).accept(notification);
            store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert).with("playbook", "p"),
                    AuditEvent.of(Event.HEAL, Outcome.SUCCEEDED, alert).with("playbook", "p").with("exitCode", 0)));
            store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.NO_PLAYBOOK, alert("other"))));

            AuditPage page = store.search(AuditSearch.about(null, alert.alert().fingerprint(), null, 2, deadline()));

            assertThat(page.complete()).isTrue();
            assertThat(page.events()).as("each names the replica that wrote it")
                    .allSatisfy(event -> assertThat(event.get("replica").asText()).isEqualTo(REPLICA));
            assertThat(page.events()).extracting(event -> event.get("outcome").asText()).containsExactly("succeeded", "started");
            assertThat(page.events().get(0).get("exitCode").asInt()).isZero();
            assertThat(page.events().get(0).get("playbook").asText()).isEqualTo("p");
            assertThat(store.search(AuditSearch.about(alert.alert().alertname(), alert.alert().fingerprint(), null, 10, deadline())).events())
                    .hasSize(3).allSatisfy(event -> assertThat(event.get("fingerprint").asText()).isEqualTo(alert.alert().fingerprint()));
            assertThat(store.search(AuditSearch.about(null, alert.alert().fingerprint(), Instant.now().plusSeconds(60), 10, deadline())).events())
                    .as("nothing since a time to come").isEmpty();
            assertThat(store.search(new AuditSearch(null, alert.alert().fingerprint(), Event.HEAL, Outcome.SUCCEEDED, null, 10, deadline()))
                    .events()).singleElement().satisfies(event -> assertThat(event.get("exitCode").asInt()).isZero());
        }

        @Test
        void keepsWhatWasRecordedAcrossARestart() throws Exception {
            Notification notification = notification("restart");
            AlertEvent alert = notification.alertEvents().get(0);
            new AuditTrail(open()).accept(notification);

            Store restarted = open();

            assertThat(restarted.search(AuditSearch.about(null, alert.alert().fingerprint(), null, 10, deadline())).events())
                    .singleElement().satisfies(received -> {
                        assertThat(received.get("event").asText()).isEqualTo("received");
                        assertThat(received.at("/alert/labels/alertname").asText()).isEqualTo(alert.alert().alertname());
                        assertThat(received.at("/group/groupKey").asText()).isEqualTo(alert.group().groupKey());
                    });
        }

        @Test
        void replaysTheRecordsInTheOrderTheyWereRecorded() throws Exception {
            Store store = open();
            AlertEvent alert = alert("replay");
            Instant before = Instant.now().minusSeconds(1);
            for (int n = 0; n < 5; n++) {
                store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert).with("step", n)));
            }

            List<String> replayed = new ArrayList<>();
            open().replay(before, record -> {
                if (record.path("fingerprint").asText().equals(alert.alert().fingerprint())) {
                    replayed.add(record.get("step").asText());
                }
            });

            assertThat(replayed).containsExactly("0", "1", "2", "3", "4");
        }

        /** What dispatch and healing record of the alerts they turn away: it keeps its place, is counted, and a stop keeps it. */
        @Test
        void recordsRecordedLaterKeepTheirOrderAmongTheOthersAndOutliveAStop() throws Exception {
            Store store = open();
            List<String> counted = new CopyOnWriteArrayList<>();
            store.observe(new AuditLog.Observer() {
                @Override
                public void recorded(List<AuditEvent> events, long nanos) {
                    events.forEach(event -> counted.add(event.details().get("step").toString()));
                }
            });
            AlertEvent alert = alert("later");
            Instant before = Instant.now().minusSeconds(1);

            store.recordLater(List.of(AuditEvent.of(Event.HEAL, Outcome.SKIPPED, alert).with("step", 0)));
            store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert).with("step", 1)));
            store.recordLater(List.of(AuditEvent.of(Event.FILTERED, null, alert).with("destination", Event.SLACK).with("step", 2)));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counted).containsExactlyInAnyOrder("0", "1", "2"));
            List<String> replayed = new ArrayList<>();
            open().replay(before, record -> {
                if (record.path("fingerprint").asText().equals(alert.alert().fingerprint())) {
                    replayed.add(record.get("event").asText() + "/" + record.get("step").asText());
                }
            });
            assertThat(replayed).containsExactly("heal/0", "heal/1", "filtered/2");
        }

        @Test
        void theSameNotificationIsADuplicateWithinTheWindowOnlyAndAcrossARestart() throws Exception {
            Store store = open();
            Notification notification = notification("window");
            String fingerprint = notification.alertEvents().get(0).alert().fingerprint();

            assertThat(new AuditTrail(store).accept(notification)).isTrue();
            assertThat(new AuditTrail(store).accept(notification)).as("an HA peer's copy, a retry").isFalse();
            Store restarted = open();
            AuditTrail trail = new AuditTrail(restarted);
            assertThat(trail.accept(notification)).as("after a restart").isFalse();
            await().atMost(WINDOW.multipliedBy(5)).until(() -> trail.accept(notification));

            // newest first: accepted again after the window, duplicates (one per try), accepted first
            List<String> records = restarted.search(AuditSearch.about(null, fingerprint, null, 1000, deadline())).events().stream()
                    .map(event -> event.get("event").asText() + "/" + event.path("outcome").asText()).toList();
            assertThat(records).hasSizeGreaterThanOrEqualTo(4).startsWith("received/").endsWith("received/")
                    .filteredOn("received/"::equals).hasSize(2);
        }

        @Test
        void aWithdrawnNotificationIsNoDuplicateSoItsRetryIsAccepted() throws Exception {
            AuditTrail trail = new AuditTrail(open());
            Notification notification = notification("withdrawn");
            trail.accept(notification);

            trail.withdraw(notification);

            assertThat(trail.accept(notification)).isTrue();
        }

        @Test
        void ofManyCopiesArrivingAtOnceExactlyOneIsAccepted() throws Exception {
            AuditTrail trail = new AuditTrail(open());
            Notification notification = notification("copies");
            ExecutorService copies = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> accept = new ArrayList<>();
                for (int copy = 0; copy < 8; copy++) {
                    accept.add(() -> trail.accept(notification));
                }
                List<Boolean> accepted = new ArrayList<>();
                for (Future<Boolean> result : copies.invokeAll(accept, 30, TimeUnit.SECONDS)) {
                    accepted.add(result.get());
                }
                assertThat(accepted).containsOnlyOnce(true);
            } finally {
                copies.shutdown();
            }
        }

        @Test
        void tellsItsObserverOfEveryRecordOnceDurable() throws Exception {
            Store store = open();
            store.observe(new AuditLog.Observer() {
                @Override
                public void recorded(List<AuditEvent> events, long nanos) {
                    events.forEach(event -> observed.add(event.event().wire() + "/" + event.outcome().wire()));
                }
            });

            store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert("observed")), AuditEvent.of(Event.HEAL, Outcome.FAILED, alert("observed"))));

            assertThat(observed).containsExactly("heal/started", "heal/failed");
            assertThat(store.problem()).isEmpty();
        }
    }

    /** What {@link Guards} keeps: each playbook's runs per alert, their cooldown and attempts, and how many run at once. */
    @Nested
    class GuardsContract {

        /** What the flow does: each change of the guard goes with its heal record (from which the file engine takes it back). */
        @Test
        void keepsTheGuardStateAcrossARestartButNotTheRunCutOff() throws Exception {
            Store store = open();
            AlertEvent alert = alert("guard");
            String fingerprint = alert.alert().fingerprint();
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            Instant failed = start.plusSeconds(1);
            Instant cutOff = start.plusSeconds(2);
            store.changeGuard("p", fingerprint, (state, now) -> state.started(start));
            store.record(List.of(heal(alert, Outcome.STARTED, start)));
            store.changeGuard("p", fingerprint, (state, now) -> state.counted(Outcome.FAILED, failed).ended(failed));
            store.record(List.of(heal(alert, Outcome.FAILED, failed)));
            GuardState running = store.changeGuard("p", fingerprint, (state, now) -> state.started(cutOff)).before();
            store.record(List.of(heal(alert, Outcome.STARTED, cutOff)));
            assertThat(running).as("before the second run").isEqualTo(new GuardState(null, failed, List.of(failed)));

            Store restarted = open();

            assertThat(restarted.changeGuard("p", fingerprint, KEEP).before())
                    .as("the failure kept; the run cut off by the restart ended when it started")
                    .isEqualTo(new GuardState(null, cutOff, List.of(failed)));
            assertThat(restarted.changeGuard("other", fingerprint, KEEP).before()).isEqualTo(GuardState.NONE);
        }

        @Test
        void ofGuardChangesAtOnceEachSeesWhatTheOneBeforeLeft() throws Exception {
            Store store = open();
            String fingerprint = alert("guard-race").alert().fingerprint();
            ExecutorService replicas = Executors.newFixedThreadPool(8);
            try {
                List<Callable<GuardState>> admit = new ArrayList<>();
                for (int copy = 0; copy < 8; copy++) {
                    admit.add(() -> store.changeGuard("p", fingerprint, (state, at) -> state.isRunning() ? state : state.started(at)).before());
                }
                List<GuardState> before = new ArrayList<>();
                for (Future<GuardState> result : replicas.invokeAll(admit, 30, TimeUnit.SECONDS)) {
                    before.add(result.get());
                }
                assertThat(before).as("exactly one found it idle and started it").filteredOn(state -> !state.isRunning()).hasSize(1);
            } finally {
                replicas.shutdown();
            }
        }

        @Test
        void aPlaybooksRunsStartNoMoreThanItsConcurrencyAtOnceWhateverTheAlerts() throws Exception {
            Store store = open();
            String playbook = "limited-" + UUID.randomUUID();
            BiFunction<GuardState, Instant, GuardState> start = (state, at) -> state.started(at);
            List<String> fingerprints = new ArrayList<>();
            ExecutorService replicas = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Guards.GuardChange>> starts = new ArrayList<>();
                for (int alert = 0; alert < 8; alert++) {
                    String fingerprint = alert("concurrency-" + alert).alert().fingerprint();
                    fingerprints.add(fingerprint);
                    starts.add(() -> store.startRun(playbook, fingerprint, 2, start));
                }
                List<Guards.GuardChange> answers = new ArrayList<>();
                for (Future<Guards.GuardChange> answer : replicas.invokeAll(starts, 30, TimeUnit.SECONDS)) {
                    answers.add(answer.get());
                }
                assertThat(answers).filteredOn(answer -> !answer.busy()).as("started").hasSize(2);
            } finally {
                replicas.shutdown();
            }
            String waiting = alert("concurrency-waiting").alert().fingerprint();
            assertThat(store.startRun(playbook, waiting, 2, start).busy()).isTrue();
            assertThat(store.changeGuard(playbook, waiting, KEEP).before()).as("a busy answer changes nothing").isEqualTo(GuardState.NONE);

            fingerprints.forEach(fingerprint -> store.changeGuard(playbook, fingerprint, (state, at) -> state.isRunning() ? state.ended(at) : state));

            assertThat(store.startRun(playbook, waiting, 2, start).busy()).as("the runs ended").isFalse();
            assertThat(store.changeGuard(playbook, waiting, KEEP).before().isRunning()).isTrue();
        }

        @Test
        void retentionForgetsGuardStatesThatEndedBeforeTheCutoff() throws Exception {
            Store store = open();
            String old = alert("guard-old").alert().fingerprint();
            String recent = alert("guard-recent").alert().fingerprint();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            store.changeGuard("p", old, (state, at) -> state.ended(now.minus(Duration.ofDays(40))).counted(Outcome.FAILED, now.minus(Duration.ofDays(40))));
            store.changeGuard("p", recent, (state, at) -> state.ended(now.minus(Duration.ofDays(40))).counted(Outcome.FAILED, now));

            store.forgetBefore(now.minus(Duration.ofDays(30)));

            assertThat(store.changeGuard("p", old, KEEP).before()).isEqualTo(GuardState.NONE);
            assertThat(store.changeGuard("p", recent, KEEP).before().failures()).containsExactly(now);
        }
    }

    /** What {@link Outboxes} keep: each Slack destination's messages in order, one waiting per group, and the threads they left. */
    @Nested
    class OutboxesContract {

        @Test
        void keepsEachOutboxInOrderUntilItsMessagesAreDoneAndAcrossARestart() throws Exception {
            Store store = open();
            AlertEvent alert = alert("outbox");
            String a = "a-" + UUID.randomUUID();
            String b = "b-" + UUID.randomUUID();
            for (String text : List.of("1", "2", "3")) {
                assertThat(enqueue(store, message(a, null, text), 10, alert, coalesced(alert))).isTrue();
            }
            enqueue(store, message(b, null, "other"), 10, alert, coalesced(alert));
            OutboxMessage first = store.head(a).orElseThrow();
            assertThat(first.message()).isEqualTo("{\"text\":\"1\"}");
            assertThat(first.taken()).isEqualTo(1);
            assertThat(store.head(a).orElseThrow().taken()).as("taken again before it was done").isEqualTo(2);
            assertThat(first.created()).isEqualTo(message(a, null, "1").created());

            store.done(first, List.of(AuditEvent.of(Event.SLACK, Outcome.SENT, alert)));
            Store restarted = open();

            assertThat(restarted.head(a)).get().extracting(OutboxMessage::message).isEqualTo("{\"text\":\"2\"}");
            assertThat(restarted.waiting(a)).isEqualTo(2);
            assertThat(restarted.waiting(b)).isEqualTo(1);
            assertThat(restarted.head("nowhere")).isEmpty();
            assertThat(slackOutcomes(restarted, alert)).containsExactly("sent", "queued", "queued", "queued", "queued");
        }

        @Test
        void aFullOutboxTakesNothingAndTheMessageIsRecordedDropped() throws Exception {
            Store store = open();
            AlertEvent alert = alert("outbox-full");
            String destination = "full-" + UUID.randomUUID();
            assertThat(enqueue(store, message(destination, null, "1"), 1, alert, coalesced(alert))).isTrue();

            assertThat(enqueue(store, message(destination, null, "2"), 1, alert, coalesced(alert))).isFalse();

            assertThat(store.waiting(destination)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(store.search(AuditSearch.about(null, alert.alert().fingerprint(), null, 10, deadline())).events())
                            .extracting(event -> event.get("outcome").asText()).containsExactly("dropped", "queued"));
        }

        /** Dispatch does not wait for the store: a storm's repeats of one group reach it faster than they commit. */
        @Test
        void aBurstOfOneGroupsMessagesLeavesItsNewestWaitingAndEachOneReplacedOnRecordAsCoalesced() throws Exception {
            Store store = open();
            AlertEvent alert = alert("outbox-burst");
            String destination = "burst-" + UUID.randomUUID();
            List<CompletableFuture<Boolean>> answers = new ArrayList<>(burst(store, destination, 20, 10, alert));
            answers.add(enqueueWithoutWaiting(store, message(destination, "other-group", "other"), 10, alert));

            assertThat(answers).allSatisfy(kept -> assertThat(kept.join()).isTrue());
            assertThat(store.waiting(destination)).isEqualTo(2);
            assertThat(store.head(destination).orElseThrow().message()).isEqualTo("{\"text\":\"20\"}");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slackOutcomes(store, alert))
                    .containsOnly("queued", "coalesced").filteredOn("queued"::equals).hasSize(21));
            assertThat(slackOutcomes(store, alert)).filteredOn("coalesced"::equals).hasSize(19);
        }

        @Test
        void aBurstOfOneGroupsMessagesIntoAFullOutboxIsDroppedWhole() throws Exception {
            Store store = open();
            AlertEvent alert = alert("outbox-burst-full");
            String destination = "burst-full-" + UUID.randomUUID();
            enqueue(store, message(destination, "other-group", "other"), 1, alert, coalesced(alert));

            List<CompletableFuture<Boolean>> answers = burst(store, destination, 3, 1, alert);

            assertThat(answers).allSatisfy(kept -> assertThat(kept.join()).isFalse());
            assertThat(store.head(destination).orElseThrow().message()).isEqualTo("{\"text\":\"other\"}");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(slackOutcomes(store, alert)).containsExactly("dropped", "dropped", "dropped", "queued"));
        }

        @Test
        void aMessageIsSupersededWhileANewerOneWithItsKeyWaits() throws Exception {
            Store store = open();
            AlertEvent alert = alert("outbox-key");
            String destination = "key-" + UUID.randomUUID();
            enqueue(store, message(destination, "group", "old"), 10, alert, coalesced(alert));
            enqueue(store, message(destination, null, "report"), 10, alert, coalesced(alert));
            enqueue(store, message(destination, "other-group", "other"), 10, alert, coalesced(alert));
            OutboxMessage old = store.head(destination).orElseThrow();
            assertThat(store.isSuperseded(old)).isFalse();

            enqueue(store, message(destination, "group", "new"), 10, alert, coalesced(alert));

            assertThat(store.isSuperseded(old)).isTrue();
            store.done(old, List.of(AuditEvent.of(Event.SLACK, Outcome.COALESCED, alert)));
            OutboxMessage report = store.head(destination).orElseThrow();
            assertThat(store.isSuperseded(report)).as("no key: never superseded").isFalse();
        }

        @Test
        void aNewMessageTakesThePlaceOfTheUntakenOneWithItsKeyEvenInAFullOutboxAndAcrossARestart() throws Exception {
            Store store = open();
            AlertEvent alert = alert("outbox-replace");
            String destination = "replace-" + UUID.randomUUID();
            List<String> replaced = new ArrayList<>();
            Function<OutboxMessage, List<AuditEvent>> coalesced = message -> {
                replaced.add(message.message());
                return coalesced(alert).apply(message);
            };
            enqueue(store, message(destination, "group", "old"), 2, alert, coalesced);
            enqueue(store, message(destination, null, "report"), 2, alert, coalesced);

            assertThat(enqueue(store, message(destination, "group", "new"), 2, alert, coalesced)).isTrue();

            assertThat(replaced).containsExactly("{\"text\":\"old\"}");
            assertThat(store.waiting(destination)).isEqualTo(2);
            Store restarted = open();
            OutboxMessage head = restarted.head(destination).orElseThrow();
            assertThat(head.message()).as("first in line, as the old one was").isEqualTo("{\"text\":\"new\"}");
            assertThat(restarted.isSuperseded(head)).isFalse();
            restarted.done(head, List.of(AuditEvent.of(Event.SLACK, Outcome.SENT, alert)));
            assertThat(restarted.head(destination)).get().extracting(OutboxMessage::message).isEqualTo("{\"text\":\"report\"}");
            assertThat(slackOutcomes(restarted, alert)).containsExactly("sent", "queued", "coalesced", "queued", "queued");
        }

        @Test
        void keepsTheSlackThreadThatAMessageLeftWithItsOutcomeAndAcrossARestart() throws Exception {
            Store store = open();
            AlertEvent alert = alert("thread");
            String destination = "thread-" + UUID.randomUUID();
            enqueue(store, message(destination, "group", "first"), 10, alert, coalesced(alert));
            OutboxMessage first = store.head(destination).orElseThrow();
            enqueue(store, message(destination, "group", "second"), 10, alert, coalesced(alert));
            assertThat(store.thread(destination, "group")).isEmpty();

            SlackThread posted = new SlackThread(destination, "group", "C0000000001", "1700000000.000001", false, "{\"notes\":[]}");
            store.done(first, List.of(AuditEvent.of(Event.SLACK, Outcome.SENT, alert)), posted);
            assertThat(store.thread(destination, "group")).contains(posted);
            SlackThread resolved = new SlackThread(destination, "group", "C0000000001", "1700000000.000001", true, "{\"notes\":[\"healed\"]}");
            store.done(store.head(destination).orElseThrow(), List.of(AuditEvent.of(Event.SLACK, Outcome.SENT, alert)), resolved);
            Store restarted = open();

            assertThat(restarted.thread(destination, "group")).contains(resolved);
            assertThat(restarted.thread(destination, "other-group")).isEmpty();
            assertThat(restarted.thread("elsewhere", "group")).isEmpty();
            assertThat(restarted.waiting(destination)).isZero();
        }
    }

    /** What {@link Approvals} keep: the runs that wait for a human's yes. */
    @Nested
    class ApprovalsContract {

        @Test
        void anApprovalIsAskedOnceDecidedOnceAndTakenByOneRunAcrossRestarts() throws Exception {
            Store store = open();
            AlertEvent alert = alert("approval");
            String playbook = "p-" + UUID.randomUUID();
            String fingerprint = alert.alert().fingerprint();
            Approval asked = new Approval(playbook, fingerprint, Instant.parse("2030-01-01T00:00:00Z"), "{\"fingerprint\":\"" + fingerprint + "\"}");
            List<AuditEvent> records = List.of(AuditEvent.of(Event.HEAL, Outcome.SKIPPED, alert).with("playbook", playbook));

            assertThat(store.askApproval(asked, records)).isTrue();
            assertThat(store.askApproval(asked, records)).as("asked already").isFalse();
            assertThat(store.takeApproval(playbook, fingerprint)).as("not granted").isFalse();
            Store restarted = open();
            Optional<Approval> granted = restarted.decideApproval(playbook, fingerprint, true, approval -> records);
            assertThat(granted).get().satisfies(approval -> {
                assertThat(approval.deadline()).isEqualTo(asked.deadline());
                assertThat(MAPPER.readTree(approval.alert())).isEqualTo(MAPPER.readTree(asked.alert()));
            });
            assertThat(restarted.decideApproval(playbook, fingerprint, false, approval -> records)).as("decided already").isEmpty();
            assertThat(restarted.askApproval(asked, records)).as("granted, its run not yet started").isFalse();

            Store again = open();
            assertThat(again.takeApproval(playbook, fingerprint)).isTrue();
            assertThat(again.takeApproval(playbook, fingerprint)).as("one run").isFalse();
            assertThat(again.askApproval(asked, records)).as("the next run asks again").isTrue();
            assertThat(again.decideApproval(playbook, fingerprint, false, approval -> records)).isPresent();
            assertThat(again.takeApproval(playbook, fingerprint)).as("refused").isFalse();
            assertThat(again.search(AuditSearch.about(null, fingerprint, null, 10, deadline())).events()).as("asked, granted, asked, refused")
                    .hasSize(4);
        }

        @Test
        void anApprovalNotDecidedByItsDeadlineLapses() throws Exception {
            Store store = open();
            AlertEvent alert = alert("approval-lapsed");
            String playbook = "p-" + UUID.randomUUID();
            List<AuditEvent> records = List.of(AuditEvent.of(Event.HEAL, Outcome.SKIPPED, alert).with("playbook", playbook));
            store.askApproval(new Approval(playbook, "late", Instant.now().minusSeconds(1), "{}"), records);
            store.askApproval(new Approval(playbook, "in-time", Instant.now().plusSeconds(600), "{}"), records);

            assertThat(store.lapsedApprovals()).filteredOn(approval -> approval.playbook().equals(playbook))
                    .extracting(Approval::fingerprint).containsExactly("late");
        }
    }

    private static List<AuditEvent> queued(AlertEvent alert) {
        return List.of(AuditEvent.of(Event.SLACK, Outcome.QUEUED, alert));
    }

    /** Puts the message in its outbox as dispatch does, and waits for the answer: whether the message was kept. */
    protected static boolean enqueue(Store store, OutboxMessage message, int limit, AlertEvent alert,
                                     Function<OutboxMessage, List<AuditEvent>> coalesced) {
        return store.enqueue(message, limit, queued(alert), coalesced, () -> dropped(alert)).join();
    }

    /** Puts the message in its outbox as dispatch does, without waiting. */
    private static CompletableFuture<Boolean> enqueueWithoutWaiting(Store store, OutboxMessage message, int limit, AlertEvent alert) {
        return store.enqueue(message, limit, queued(alert), coalesced(alert), () -> dropped(alert));
    }

    /** Messages "1" to {@code count} of one group, put in without waiting, as dispatch puts in a storm's repeats. */
    private static List<CompletableFuture<Boolean>> burst(Store store, String destination, int count, int limit, AlertEvent alert) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> enqueueWithoutWaiting(store, message(destination, "group", String.valueOf(n)), limit, alert)).toList();
    }

    private static List<AuditEvent> dropped(AlertEvent alert) {
        return List.of(AuditEvent.of(Event.SLACK, Outcome.DROPPED, alert));
    }

    /** The outcomes of the alert's Slack records, newest first. */
    private List<String> slackOutcomes(Store store, AlertEvent alert) {
        return store.search(new AuditSearch(null, alert.alert().fingerprint(), Event.SLACK, null, null, 100, deadline())).events()
                .stream().map(event -> event.get("outcome").asText()).toList();
    }

    protected static Function<OutboxMessage, List<AuditEvent>> coalesced(AlertEvent alert) {
        return replaced -> List.of(AuditEvent.of(Event.SLACK, Outcome.COALESCED, alert));
    }

    private static OutboxMessage message(String destination, String coalescingKey, String text) {
        return new OutboxMessage(0, destination, coalescingKey, Instant.parse("2026-11-27T10:00:00.123Z"), "{\"text\":\"" + text + "\"}");
    }

    private static AuditEvent heal(AlertEvent alert, Outcome outcome, Instant at) {
        AuditEvent event = AuditEvent.of(Event.HEAL, outcome, alert).with("playbook", "p");
        return new AuditEvent(at.toString(), event.event(), event.outcome(), event.fingerprint(), event.alertname(), event.status(),
                event.severity(), event.groupKey(), event.notification(), event.details());
    }

    protected static long deadline() {
        return System.nanoTime() + Duration.ofSeconds(10).toNanos();
    }

    protected static AlertEvent alert(String run) {
        return notification(run).alertEvents().get(0);
    }

    /** A notification as intake accepts it: fresh fingerprints, and an id of its own. */
    protected static Notification notification(String run) {
        return Fixtures.READER.read(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, run)).getBytes(StandardCharsets.UTF_8))
                .withId(UUID.randomUUID().toString());
    }
}
